import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { StoredFieldMapping } from '@/db/schema';
import { byteaAsBase64, fromBase64, run } from '@/db/sql';
import type { FeedFormat, ImportStatus } from '@/lib/enums';
import type { Result } from '@/lib/errors';
import type { DataContext } from '../context';
import { LEASE_SECONDS, workerId } from './lease';
import { onSettled, signalQueued, signalSettled } from './queue-signal';
import {
  describeActor,
  prepareImport,
  processImport,
  readOutcome,
  recordFailure,
  recordImport,
  type ImportJob,
  type ImportOutcome,
  type ImportRequest,
} from './run-import';

/*
 * The database is the queue. `enqueueImport` records a feed and its import as `queued`; a worker
 * (./worker.ts, one loop per server process, or `drainImportQueue` in scripts and tests) claims the
 * oldest queued import with FOR UPDATE SKIP LOCKED, so two workers never take the same one, marks it
 * `running` under its lease and processes it. A worker that dies leaves a lease nobody renews; the
 * sweep (`failAbandonedImports`) marks that import failed, and nothing of it was applied.
 */

/** Statuses of an import that is not finished: waiting for a worker, or being processed by one. */
export function isPending(status: ImportStatus): boolean {
  return status === 'queued' || status === 'running';
}

/**
 * Records one feed and its import as queued (after the same checks as `runImport`: application,
 * rights, format, Idempotency-Key) and wakes this process's worker. Answers at once with the import
 * (status queued), or with the earlier import of a replayed Idempotency-Key, whatever its status.
 */
export async function enqueueImport(ctx: DataContext, request: ImportRequest): Promise<Result<ImportOutcome>> {
  const prepared = await prepareImport(ctx, request);
  if (!prepared.ok) return prepared;
  const recorded = await recordImport(ctx.db, prepared.value, request, describeActor(ctx), 'queued');
  if (recorded.ok && !recorded.value.replayed) signalQueued();
  return recorded;
}

type ClaimedRow = {
  id: string;
  format: FeedFormat;
  dryRun: boolean;
  preview: boolean;
  applicationId: string;
  slug: string;
  role: 'source' | 'target';
  mapping: StoredFieldMapping | null;
  safeguardThreshold: number | string;
  content: string | null;
};

/** An import this process has claimed: running, leased to it. `content` is null when its feed was deleted meanwhile. */
export type ClaimedImport = Omit<ImportJob, 'content'> & { content: Uint8Array | null };

/**
 * Claims the oldest queued import, if any: one statement that marks it running under this worker's
 * lease. SKIP LOCKED makes concurrent claimers (other connections, other instances) pass over the
 * row another is claiming, so each import is claimed once.
 */
export async function claimNextImport(db: Executor): Promise<ClaimedImport | null> {
  return claim(db, sql`(select id from imports where status = 'queued' order by created_at, id limit 1 for update skip locked)`);
}

/** Claims one particular import if it is still queued (no worker has taken it yet). */
export async function claimImport(db: Executor, importId: string): Promise<ClaimedImport | null> {
  return claim(db, sql`(select id from imports where id = ${importId} and status = 'queued' for update skip locked)`);
}

async function claim(db: Executor, pick: SQL): Promise<ClaimedImport | null> {
  const { rows } = await run<ClaimedRow>(
    db,
    sql`with claimed as (
          update imports set status = 'running', started_at = now(), lease_owner = ${workerId},
                 lease_expires_at = now() + ${`${LEASE_SECONDS} seconds`}::interval
          where status = 'queued' and id = ${pick}
          returning id, application_id, feed_id, format, dry_run, preview
        )
        select c.id, c.format, c.dry_run as "dryRun", c.preview, a.id as "applicationId", a.slug, a.role, a.mapping,
               a.safeguard_threshold as "safeguardThreshold", ${byteaAsBase64(sql`f.content`)} as content
        from claimed c join applications a on a.id = c.application_id left join feeds f on f.id = c.feed_id`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    importId: row.id,
    app: { id: row.applicationId, slug: row.slug, role: row.role, mapping: row.mapping, safeguardThreshold: Number(row.safeguardThreshold) },
    content: row.content === null ? null : fromBase64(row.content),
    format: row.format,
    mode: row.dryRun ? 'dry-run' : row.preview ? 'preview' : 'apply',
  };
}

/** Processes a claimed import to its end (staged, held, applied or failed), then tells waiters in this process. */
export async function runClaimedImport(db: Executor, claimed: ClaimedImport): Promise<ImportOutcome> {
  try {
    const { content } = claimed;
    if (!content) {
      await recordFailure(db, claimed.importId, 'The feed was deleted before the import could run; nothing was applied.', null);
      return await readOutcome(db, claimed.importId);
    }
    return await processImport(db, { ...claimed, content });
  } finally {
    signalSettled(claimed.importId);
  }
}

/** Claims and processes the oldest queued import; null when the queue is empty. */
export async function runNextImport(db: Executor): Promise<ImportOutcome | null> {
  const claimed = await claimNextImport(db);
  return claimed ? runClaimedImport(db, claimed) : null;
}

/** Runs queued imports one after the other until none is left (scripts, tests); their outcomes in order. */
export async function drainImportQueue(db: Executor): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (let next = await runNextImport(db); next; next = await runNextImport(db)) outcomes.push(next);
  return outcomes;
}

/**
 * Sees one queued import through from here: runs it in this process if no worker has taken it yet,
 * else waits (up to `timeoutMs`) for the worker that has. For callers that want the outcome and
 * should not depend on a worker being around (scheduled pulls, "Sync now").
 */
export async function runQueuedImport(db: Executor, importId: string, { timeoutMs }: { timeoutMs: number }): Promise<ImportOutcome> {
  const claimed = await claimImport(db, importId);
  return claimed ? runClaimedImport(db, claimed) : waitForImport(db, importId, { timeoutMs });
}

/**
 * Waits until an import is no longer queued or running, or `timeoutMs` has passed, or `signal`
 * aborts (the client went away), and answers its latest state (still pending if it did not finish).
 * It reads the row every `pollMs` (a worker of another instance may run it) and at once when this
 * process's worker settles it.
 */
export async function waitForImport(
  db: Executor,
  importId: string,
  { timeoutMs, pollMs = 1000, signal }: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<ImportOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await readOutcome(db, importId);
    const left = deadline - Date.now();
    if (!isPending(outcome.status) || left <= 0 || signal?.aborted) return outcome;
    await settledOrElapsed(importId, Math.min(pollMs, left), signal);
  }
}

function settledOrElapsed(importId: string, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    const unsubscribe = onSettled((id) => {
      if (id === importId) finish();
    });
    signal?.addEventListener('abort', finish);
  });
}
