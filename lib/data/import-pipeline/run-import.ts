import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { ImportCounts, StoredFieldMapping } from '@/db/schema';
import { byteaParam, run } from '@/db/sql';
import type { ImportStatus } from '@/lib/enums';
import { AppFailure, fail, type Result } from '@/lib/errors';
import { detectFormat, FeedError, type FeedFormat } from '@/lib/feeds';
import { authorizeForApplication } from '../actor';
import { lockApplication } from '../applications';
import type { DataContext } from '../context';
import { applyStaged } from './apply-staged';
import { validRows, weighSafeguard, type PlannedCounts } from './plan';
import { AccountsChangedSinceRead } from './known-accounts';
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
};

export type ImportOutcome = {
  id: string;
  applicationSlug: string;
  status: ImportStatus;
  error: string | null;
  /** final counts, or for a staged or held import what applying it would do */
  counts: ImportCounts | null;
  holdReason: string | null;
  /** rows read so far, and of how many (null until the whole feed has been read) */
  rowsDone: number;
  rowsTotal: number | null;
  /** true when an Idempotency-Key matched an earlier import, which is returned instead of a new one */
  replayed: boolean;
  /** milliseconds per phase (parse, stage, validate, identities, diff, match, record), for the benchmark */
  phases?: Record<string, number>;
};

/**
 * Imports one feed in the calling process, to the end: all or nothing. The bytes and the import row
 * are recorded first (the import is "running", leased to this process, so no queue worker takes it);
 * then it is processed as `processImport` describes. For the benchmark, scripts and tests; requests
 * enqueue instead (`enqueueImport` in ./queue), and a worker runs the import.
 */
export async function runImport(ctx: DataContext, request: ImportRequest): Promise<Result<ImportOutcome>> {
  const prepared = await prepareImport(ctx, request);
  if (!prepared.ok) return prepared;
  const recorded = await recordImport(ctx.db, prepared.value, request, describeActor(ctx), 'running');
  if (!recorded.ok || recorded.value.replayed) return recorded;
  const { app, format, mode } = prepared.value;
  return { ok: true, value: await processImport(ctx.db, { importId: recorded.value.id, app, content: request.content, format, mode }) };
}

/** What an import needs before it is recorded: the application, the format and the request's fingerprint. */
export type PreparedImport = { app: FoundApplication; format: FeedFormat; mode: ImportMode; requestHash: string };

/** Finds the application, checks the caller may import into it, and settles the feed's format. Records nothing. */
export async function prepareImport(ctx: DataContext, request: ImportRequest): Promise<Result<PreparedImport>> {
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
  // The trailing 0 was a safeguard-override flag: kept so that keys recorded before still match their requests.
  const requestHash = createHash('sha256').update(request.content).update(`\n${format}\n${mode}\n0`).digest('hex');
  return { ok: true, value: { app, format, mode, requestHash } };
}

/** One recorded import to process: its bytes, format and mode, and its application as found. */
export type ImportJob = { importId: string; app: FoundApplication; content: Uint8Array; format: FeedFormat; mode: ImportMode };

/**
 * Processes a recorded import held by this process: the rows are parsed and staged chunk by chunk
 * (progress visible, lease renewed); the plan is counted and the safeguard consulted; then the whole
 * change is applied in one transaction. Any failure leaves the accounts and identities exactly as
 * they were, and the import says why. An unexpected error is recorded too, then thrown.
 */
export async function processImport(db: Executor, job: ImportJob): Promise<ImportOutcome> {
  const { importId, app, mode } = job;
  const clock = phaseClock();
  try {
    const expected = expectedRows(job.content, job.format);
    if (expected !== null) await run(db, sql`update imports set rows_total = ${expected} where id = ${importId}`);
    const staged = await stageFeed(db, app, importId, job.content, job.format, clock.lap);
    const { plan, reason: holdReason } = await weighSafeguard(db, app, importId, staged);
    if (staged.rowsTotal === 0 && plan.active === 0) throw new FeedError('empty', 'The file has a header row but no data rows.');
    if (mode !== 'apply' || holdReason) {
      // A preview or dry run that the safeguard would hold says so too (it would be held on apply).
      await recordPlan(db, importId, mode === 'apply' ? 'held' : 'staged', staged, plan, holdReason);
      return { ...(await readOutcome(db, importId)), phases: clock.phases };
    }
    try {
      await db.transaction(async (tx) => {
        const locked = await lockApplication(tx, app.slug);
        await assertStillHeld(tx, importId);
        await applyStaged(tx, locked, importId, staged, clock.lap);
      });
    } catch (error) {
      if (!(error instanceof AccountsChangedSinceRead)) throw error;
      // Another import of this application was applied while this feed was read (its unchanged rows were
      // recognised against accounts that no longer are): read it again, this time under the application's
      // lock, so that nothing can change them before it is applied.
      const held = await db.transaction(async (tx) => {
        const locked = await lockApplication(tx, app.slug);
        await assertStillHeld(tx, importId);
        await run(tx, sql`delete from import_rows where import_id = ${importId}`);
        await run(tx, sql`delete from import_logs where import_id = ${importId}`);
        const again = await stageFeed(tx, app, importId, job.content, job.format, clock.lap);
        const { plan, reason } = await weighSafeguard(tx, app, importId, again);
        if (reason) return { staged: again, plan, reason };
        await applyStaged(tx, locked, importId, again, clock.lap);
        return null;
      });
      if (held) await recordPlan(db, importId, 'held', held.staged, held.plan, held.reason);
    }
    return { ...(await readOutcome(db, importId)), phases: clock.phases };
  } catch (error) {
    const reason = failureReason(error);
    await recordFailure(db, importId, reason?.message ?? 'The import stopped on an internal error; nothing was applied.', reason?.row ?? null, reason?.field ?? null);
    if (!reason) throw error;
    return readOutcome(db, importId);
  }
}

/**
 * For the progress bar's total (and its time left) while the rows are read: in a line-based format,
 * the lines after the header. An upper bound (a quoted value may span lines, a line may be blank);
 * staging replaces it with the exact count once every row is read. Other formats: null, unknown.
 */
export function expectedRows(content: Uint8Array, format: FeedFormat): number | null {
  if (format !== 'csv' && format !== 'tsv' && format !== 'jsonl') return null;
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  let lines = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) lines++;
  return format === 'jsonl' ? lines : Math.max(lines - 1, 0);
}

/**
 * Just before applying, inside the apply transaction: the import must still be running under this
 * process's lease. A worker that stalled past its lease may have had the import swept (failed) by
 * another instance; it must not apply it after all.
 */
async function assertStillHeld(tx: Executor, importId: string): Promise<void> {
  const { rows } = await run<{ status: ImportStatus; owner: string | null }>(
    tx,
    sql`select status, lease_owner as owner from imports where id = ${importId} for update`,
  );
  const row = rows[0];
  if (row?.status !== 'running' || row.owner !== workerId) {
    throw new AppFailure({ code: 'conflict', message: 'The import was taken from this server (its lease ran out) before it was applied; nothing was applied.' });
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

export type FoundApplication = { id: string; slug: string; role: 'source' | 'target'; mapping: StoredFieldMapping | null; safeguardThreshold: number };

async function findApplication(db: Executor, slug: string): Promise<FoundApplication | undefined> {
  const { rows } = await run<FoundApplication>(
    db,
    sql`select id, slug, role, mapping, safeguard_threshold as "safeguardThreshold" from applications where slug = ${slug}`,
  );
  return rows[0] ? { ...rows[0], safeguardThreshold: Number(rows[0].safeguardThreshold) } : undefined;
}

/**
 * Records the feed's bytes and its import, either `running` under this process's lease (the caller
 * processes it now) or `queued` without a lease (a queue worker claims it). With an Idempotency-Key
 * already used for this application, nothing is recorded: the earlier import is answered (replayed),
 * or a conflict when the key came with another request.
 */
export async function recordImport(
  db: Executor,
  prepared: PreparedImport,
  request: ImportRequest,
  actor: string,
  start: 'running' | 'queued',
): Promise<Result<ImportOutcome>> {
  const { app, requestHash } = prepared;
  const key = request.idempotencyKey ?? null;
  const earlier = key ? await findByIdempotencyKey(db, app.id, key) : undefined;
  if (!earlier) {
    const created = await insertImportRow(db, prepared, request, actor, start);
    if (created) return { ok: true, value: await readOutcome(db, created.id) };
  }
  // The key was used before, or a concurrent retry with the same key won the race: its import.
  const first = earlier ?? (await findByIdempotencyKey(db, app.id, key!))!;
  if (first.requestHash !== requestHash) {
    return fail('conflict', 'This Idempotency-Key was already used for a different request. Use a new key for a new feed.');
  }
  return { ok: true, value: { ...(await readOutcome(db, first.id)), replayed: true } };
}

async function insertImportRow(
  db: Executor,
  { app, format, mode, requestHash }: PreparedImport,
  request: ImportRequest,
  actor: string,
  start: 'running' | 'queued',
): Promise<{ id: string } | undefined> {
  const sha256 = createHash('sha256').update(request.content).digest('hex');
  // The same bytes again (a scheduled pull of an unchanged feed): the stored copy stands, and the bytes
  // need not travel (8.5 MB for 100,000 accounts). Two at once both insert; the conflict keeps one.
  const stored = await run<{ id: string }>(
    db,
    sql`update feeds set file_name = coalesce(${request.fileName ?? null}, file_name)
        where application_id = ${app.id} and sha256 = ${sha256} and format = ${format} returning id`,
  );
  const feed = stored.rows[0] ? stored : await run<{ id: string }>(
    db,
    sql`insert into feeds (application_id, sha256, format, file_name, byte_size, content)
        values (${app.id}, ${sha256}, ${format}, ${request.fileName ?? null}, ${request.content.byteLength}, ${byteaParam(db, request.content)})
        on conflict (application_id, sha256, format) do update set file_name = coalesce(excluded.file_name, feeds.file_name)
        returning id`,
  );
  const running = start === 'running';
  const created = await run<{ id: string }>(
    db,
    sql`insert into imports (application_id, feed_id, status, trigger, actor, format, started_at, idempotency_key, request_hash, dry_run, preview,
                             lease_owner, lease_expires_at)
        values (${app.id}, ${feed.rows[0]!.id}, ${start}, ${request.trigger}, ${actor}, ${format}, ${running ? sql`now()` : null},
                ${request.idempotencyKey ?? null}, ${requestHash}, ${mode === 'dry-run'}, ${mode !== 'apply'},
                ${running ? workerId : null}, ${running ? sql`now() + ${`${LEASE_SECONDS} seconds`}::interval` : null})
        on conflict (application_id, idempotency_key) where idempotency_key is not null do nothing
        returning id`,
  );
  return created.rows[0];
}

async function findByIdempotencyKey(db: Executor, applicationId: string, key: string) {
  const { rows } = await run<{ id: string; requestHash: string | null }>(
    db,
    sql`select id, request_hash as "requestHash" from imports where application_id = ${applicationId} and idempotency_key = ${key}`,
  );
  return rows[0];
}

async function recordPlan(db: Executor, importId: string, status: 'staged' | 'held', staged: StagedFeed, plan: PlannedCounts, holdReason: string | null) {
  const valid = validRows(staged);
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
  const { rows } = await run<Omit<ImportOutcome, 'replayed' | 'phases'>>(
    db,
    sql`select i.id, a.slug as "applicationSlug", i.status, i.error, i.counts, i.hold_reason as "holdReason", i.rows_done as "rowsDone", i.rows_total as "rowsTotal"
        from imports i join applications a on a.id = i.application_id where i.id = ${importId}`,
  );
  return { ...rows[0]!, replayed: false };
}

export async function recordFailure(db: Executor, importId: string, message: string, row: number | null, field: string | null = null): Promise<void> {
  await db.transaction(async (tx) => {
    // A total that was only expected (the feed was not read to its end) is dropped: it was never counted.
    await run(
      tx,
      sql`update imports set status = 'failed', error = ${message}, finished_at = clock_timestamp(), lease_owner = null, lease_expires_at = null,
                 rows_total = case when rows_done >= rows_total then rows_total end
          where id = ${importId}`,
    );
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
