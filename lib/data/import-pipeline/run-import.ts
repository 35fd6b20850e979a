import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { ImportCounts, StoredFieldMapping } from '@/db/schema';
import { run } from '@/db/sql';
import type { ImportStatus } from '@/lib/enums';
import { AppFailure, fail, type Result } from '@/lib/errors';
import { detectFormat, FeedError, type FeedFormat } from '@/lib/feeds';
import { authorizeForApplication } from '../actor';
import { lockApplication } from '../applications';
import type { DataContext } from '../context';
import { applyStaged } from './apply-staged';
import { planCounts, safeguardReason, type PlannedCounts } from './plan';
import { LEASE_SECONDS, workerId } from './lease';
import { stageFeed, type StagedFeed } from './stage-feed';
import { writeLogs } from './stage';

export type ImportTrigger = 'upload' | 'api' | 'schedule' | 'manual';
/** apply: stage, then apply unless the safeguard holds it; preview: stage and plan for review; dry-run: preview that can never be applied. */
export type ImportMode = 'apply' | 'preview' | 'dry-run';

export type ImportRequest = {
  applicationSlug: string;
  content: Uint8Array;
  fileName?: string;
  /** explicit format; else from contentType, the file name, or the bytes */
  format?: string;
  contentType?: string;
  trigger: ImportTrigger;
  mode?: ImportMode;
  /** a client's Idempotency-Key: a retried request with the same key gets the same import */
  idempotencyKey?: string;
  overrideSafeguard?: boolean;
};

export type ImportOutcome = {
  id: string;
  applicationSlug: string;
  status: ImportStatus;
  error: string | null;
  /** final counts, or for a staged or held import what applying it would do */
  counts: ImportCounts | null;
  holdReason: string | null;
  /** true when an Idempotency-Key matched an earlier import, which is returned instead of a new one */
  replayed: boolean;
  /** milliseconds per phase (parse, stage, validate, identities, diff, match, record), for the benchmark */
  phases?: Record<string, number>;
};

/**
 * Imports one feed: all or nothing. The bytes and the import row are recorded first; the rows are
 * parsed and staged chunk by chunk (progress visible); the plan is counted and the safeguard
 * consulted; then the whole change is applied in one transaction. Any failure leaves the accounts
 * and identities exactly as they were, and the import says why.
 */
export async function runImport(ctx: DataContext, request: ImportRequest): Promise<Result<ImportOutcome>> {
  const mode = request.mode ?? 'apply';
  const app = await findApplication(ctx.db, request.applicationSlug);
  if (!app) return fail('not_found', `There is no application "${request.applicationSlug}".`);
  try {
    await authorizeForApplication(ctx.db, ctx.actor, app.id, 'import');
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.error };
    throw error;
  }
  const format = detectFormat({ explicit: request.format, contentType: request.contentType, fileName: request.fileName, head: request.content.subarray(0, 4096) });
  if (!format) {
    return fail(
      'unsupported_format',
      `Concord cannot tell what format ${request.fileName ? `"${request.fileName}"` : 'this feed'} is in. Use CSV, TSV, JSON, JSON lines or XML.`,
    );
  }
  const requestHash = createHash('sha256').update(request.content).update(`\n${format}\n${mode}\n${request.overrideSafeguard ? 1 : 0}`).digest('hex');
  const started = await recordStart(ctx.db, app.id, request, format, describeActor(ctx), requestHash, mode);
  if (started.replay) {
    if (started.replay.requestHash !== requestHash) {
      return fail('conflict', 'This Idempotency-Key was already used for a different request. Use a new key for a new feed.');
    }
    return { ok: true, value: { ...(await readOutcome(ctx.db, started.replay.id)), replayed: true } };
  }
  const importId = started.id;
  const clock = phaseClock();

  try {
    const staged = await stageFeed(ctx.db, app, importId, request.content, format, clock.lap);
    const plan = await planCounts(ctx.db, app.id, importId);
    if (staged.rowsTotal === 0 && plan.active === 0) throw new FeedError('empty', 'The file has a header row but no data rows.');
    const holdReason = safeguardReason(plan, staged.rowsTotal - staged.rowsRejected - staged.rowsIgnored, app.safeguardThreshold);
    if (mode !== 'apply' || (holdReason && !request.overrideSafeguard)) {
      // A preview or dry run that the safeguard would hold says so too (it would be held on apply).
      await recordPlan(ctx.db, importId, mode === 'apply' ? 'held' : 'staged', staged, plan, holdReason);
      return { ok: true, value: { ...(await readOutcome(ctx.db, importId)), phases: clock.phases } };
    }
    await ctx.db.transaction(async (tx) => {
      const locked = await lockApplication(tx, request.applicationSlug);
      await applyStaged(tx, locked, importId, staged, clock.lap);
      if (holdReason) await run(tx, sql`update imports set hold_reason = ${holdReason}, overridden_by = ${describeActor(ctx)} where id = ${importId}`);
    });
    return { ok: true, value: { ...(await readOutcome(ctx.db, importId)), phases: clock.phases } };
  } catch (error) {
    const reason = failureReason(error);
    await recordFailure(ctx.db, importId, reason?.message ?? 'The import stopped on an internal error; nothing was applied.', reason?.row ?? null, reason?.field ?? null);
    if (!reason) throw error;
    return { ok: true, value: await readOutcome(ctx.db, importId) };
  }
}

/** Accumulates wall-clock time per phase of one import. */
function phaseClock() {
  const phases: Record<string, number> = {};
  let last = performance.now();
  return {
    phases,
    lap: (name: string) => {
      const now = performance.now();
      phases[name] = (phases[name] ?? 0) + (now - last);
      last = now;
    },
  };
}

type FoundApplication = { id: string; mapping: StoredFieldMapping | null; safeguardThreshold: number };

async function findApplication(db: Executor, slug: string): Promise<FoundApplication | undefined> {
  const { rows } = await run<FoundApplication>(
    db,
    sql`select id, mapping, safeguard_threshold as "safeguardThreshold" from applications where slug = ${slug}`,
  );
  return rows[0] ? { ...rows[0], safeguardThreshold: Number(rows[0].safeguardThreshold) } : undefined;
}

async function recordStart(
  db: Executor,
  applicationId: string,
  request: ImportRequest,
  format: FeedFormat,
  actor: string,
  requestHash: string,
  mode: ImportMode,
): Promise<{ id: string; replay?: undefined } | { id?: undefined; replay: { id: string; requestHash: string | null } }> {
  const key = request.idempotencyKey ?? null;
  if (key) {
    const earlier = await findByIdempotencyKey(db, applicationId, key);
    if (earlier) return { replay: earlier };
  }
  const sha256 = createHash('sha256').update(request.content).digest('hex');
  const feed = await run<{ id: string }>(
    db,
    sql`insert into feeds (application_id, sha256, format, file_name, byte_size, content)
        values (${applicationId}, ${sha256}, ${format}, ${request.fileName ?? null}, ${request.content.byteLength}, ${Buffer.from(request.content)})
        on conflict (application_id, sha256, format) do update set file_name = coalesce(excluded.file_name, feeds.file_name)
        returning id`,
  );
  const created = await run<{ id: string }>(
    db,
    sql`insert into imports (application_id, feed_id, status, trigger, actor, format, started_at, idempotency_key, request_hash, dry_run,
                             lease_owner, lease_expires_at)
        values (${applicationId}, ${feed.rows[0]!.id}, 'running', ${request.trigger}, ${actor}, ${format}, now(), ${key}, ${requestHash}, ${mode === 'dry-run'},
                ${workerId}, now() + ${`${LEASE_SECONDS} seconds`}::interval)
        on conflict (application_id, idempotency_key) where idempotency_key is not null do nothing
        returning id`,
  );
  if (created.rows[0]) return { id: created.rows[0].id };
  // A concurrent retry with the same key won the race: answer with its import.
  return { replay: (await findByIdempotencyKey(db, applicationId, key!))! };
}

async function findByIdempotencyKey(db: Executor, applicationId: string, key: string) {
  const { rows } = await run<{ id: string; requestHash: string | null }>(
    db,
    sql`select id, request_hash as "requestHash" from imports where application_id = ${applicationId} and idempotency_key = ${key}`,
  );
  return rows[0];
}

async function recordPlan(db: Executor, importId: string, status: 'staged' | 'held', staged: StagedFeed, plan: PlannedCounts, holdReason: string | null) {
  const valid = staged.rowsTotal - staged.rowsRejected - staged.rowsIgnored;
  const counts: ImportCounts = {
    rowsTotal: staged.rowsTotal,
    rowsRejected: staged.rowsRejected,
    rowsIgnored: staged.rowsIgnored,
    accountsAdded: plan.added,
    accountsUpdated: plan.updated,
    accountsRemoved: plan.removed,
    accountsRestored: plan.restored,
    accountsUnchanged: valid - plan.added - plan.updated - plan.restored,
    identitiesCreated: 0,
    identitiesUpdated: 0,
    identitiesBlocked: 0,
    identitiesUnblocked: 0,
    warnings: staged.warnings,
    errors: staged.rowsRejected + staged.rowsIgnored,
  };
  await run(
    db,
    sql`update imports set status = ${status}, counts = ${JSON.stringify(counts)}::jsonb, hold_reason = ${holdReason},
               lease_owner = null, lease_expires_at = null
        where id = ${importId}`,
  );
}

export async function readOutcome(db: Executor, importId: string): Promise<ImportOutcome> {
  const { rows } = await run<{ id: string; slug: string; status: ImportStatus; error: string | null; counts: ImportCounts | null; holdReason: string | null }>(
    db,
    sql`select i.id, a.slug, i.status, i.error, i.counts, i.hold_reason as "holdReason"
        from imports i join applications a on a.id = i.application_id where i.id = ${importId}`,
  );
  const row = rows[0]!;
  return { id: row.id, applicationSlug: row.slug, status: row.status, error: row.error, counts: row.counts, holdReason: row.holdReason, replayed: false };
}

export async function recordFailure(db: Executor, importId: string, message: string, row: number | null, field: string | null = null): Promise<void> {
  await db.transaction(async (tx) => {
    await run(tx, sql`update imports set status = 'failed', error = ${message}, finished_at = clock_timestamp(), lease_owner = null, lease_expires_at = null where id = ${importId}`);
    await run(tx, sql`delete from import_rows where import_id = ${importId}`);
    await writeLogs(tx, importId, [{ row, field, level: 'error', message }]);
  });
}

function failureReason(error: unknown): { message: string; row?: number; field?: string } | null {
  if (error instanceof FeedError) return { message: error.message, row: error.row, field: error.field };
  if (error instanceof AppFailure) return { message: error.message, row: error.error.row, field: error.error.field };
  return null;
}

export function describeActor(ctx: DataContext): string {
  if (ctx.actor.kind === 'admin') return ctx.actor.email;
  if (ctx.actor.kind === 'token') return `token:${ctx.actor.name}`;
  return `system:${ctx.actor.name}`;
}
