import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { ImportCounts } from '@/db/schema';
import { run } from '@/db/sql';
import { AppFailure, fail, type Result } from '@/lib/errors';
import { defaultMapping, detectFormat, FeedError, mapRow, parseFeed, unmappedFields, type FeedFormat, type FieldMapping } from '@/lib/feeds';
import { authorizeForApplication } from '../actor';
import { lockApplication } from '../applications';
import type { DataContext } from '../context';
import { rematchApplication, rematchTargets } from '../matching';
import { applyAccountDiff, dropDuplicateRows } from './apply';
import { createSourceIdentities, syncSourceIdentities } from './source-identities';
import { stageRows, writeLogs, type LogLine } from './stage';

export type ImportTrigger = 'upload' | 'api' | 'schedule' | 'manual';

export type ImportRequest = {
  applicationSlug: string;
  content: Uint8Array;
  fileName?: string;
  /** explicit format; else from contentType, the file name, or the bytes */
  format?: string;
  contentType?: string;
  trigger: ImportTrigger;
};

export type ImportOutcome = {
  id: string;
  applicationSlug: string;
  status: 'succeeded' | 'partial' | 'failed';
  error: string | null;
  counts: ImportCounts | null;
  /** milliseconds spent per phase (parse+map, stage, diff, identities, match, record), for the benchmark */
  phases?: Record<string, number>;
};

/** Accumulates wall-clock time per phase of one import. */
function phaseClock() {
  const phases: Record<string, number> = {};
  let last = performance.now();
  return {
    phases,
    lap(name: string) {
      const now = performance.now();
      phases[name] = (phases[name] ?? 0) + (now - last);
      last = now;
    },
  };
}

/** Log lines kept per import; past this a single line says how many more there were. */
const MAX_LOG_LINES = 10_000;

/**
 * Imports one feed: all or nothing. The feed's bytes and the import row are recorded first; then,
 * in one transaction, the rows are parsed and staged chunk by chunk, duplicates dropped, the diff
 * applied, identities synchronised (sources) or accounts matched (targets), and the counts written.
 * Any failure rolls everything back and the import is marked failed with the reason.
 */
export async function runImport(ctx: DataContext, request: ImportRequest): Promise<Result<ImportOutcome>> {
  const app = await findApplication(ctx.db, request.applicationSlug);
  if (!app) return fail('not_found', `There is no application "${request.applicationSlug}".`);
  try {
    await authorizeForApplication(ctx.db, ctx.actor, app.id, 'import');
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.error };
    throw error;
  }
  const format = detectFormat({
    explicit: request.format,
    contentType: request.contentType,
    fileName: request.fileName,
    head: request.content.subarray(0, 4096),
  });
  if (!format) {
    return fail(
      'unsupported_format',
      `Concord cannot tell what format ${request.fileName ? `"${request.fileName}"` : 'this feed'} is in. Use CSV, TSV, JSON, JSON lines or XML.`,
    );
  }
  const actorLabel = describeActor(ctx);
  const importId = await recordStart(ctx.db, app.id, request, format, actorLabel);

  try {
    const clock = phaseClock();
    const counts = await ctx.db.transaction((tx) => processFeed(tx, request.applicationSlug, importId, request.content, format, clock));
    const status = counts.rowsRejected + counts.rowsIgnored + counts.warnings > 0 ? 'partial' : 'succeeded';
    return { ok: true, value: { id: importId, applicationSlug: request.applicationSlug, status, error: null, counts, phases: clock.phases } };
  } catch (error) {
    const reason = failureReason(error);
    if (!reason) {
      await recordFailure(ctx.db, importId, 'The import stopped on an internal error; nothing was applied.', null);
      throw error;
    }
    await recordFailure(ctx.db, importId, reason.message, reason.row ?? null);
    return { ok: true, value: { id: importId, applicationSlug: request.applicationSlug, status: 'failed', error: reason.message, counts: null } };
  }
}

async function processFeed(
  tx: Executor,
  slug: string,
  importId: string,
  content: Uint8Array,
  format: FeedFormat,
  clock: ReturnType<typeof phaseClock>,
): Promise<ImportCounts> {
  const app = await lockApplication(tx, slug);
  clock.lap('lock');
  const logs: LogLine[] = [];
  let droppedLogLines = 0;
  const log = (line: LogLine) => {
    if (logs.length < MAX_LOG_LINES) logs.push(line);
    else droppedLogLines++;
  };
  let mapping: FieldMapping | null = app.mapping;
  let rowsTotal = 0;
  let rowsRejected = 0;
  let warnings = 0;

  for await (const chunk of parseFeed(content, format)) {
    if (!mapping) mapping = defaultMapping(chunk.headers);
    if (rowsTotal === 0) {
      assertRequiredColumns(mapping, chunk.headers);
      for (const field of unmappedFields(chunk.headers, mapping)) {
        warnings++;
        log({ row: null, field, level: 'warning', message: `Input field "${field}" has no equivalent account attribute in the mapping; it was not imported.` });
      }
    }
    for (const issue of chunk.issues) {
      log({ row: issue.row, field: issue.field ?? null, level: issue.level, message: issue.message });
      if (issue.level === 'warning') warnings++;
    }
    const staged = [];
    for (const raw of chunk.rows) {
      const { account, issues } = mapRow(raw, mapping);
      for (const issue of issues) log({ row: issue.row, field: issue.field ?? null, level: issue.level, message: issue.message });
      if (account) staged.push(account);
      else rowsRejected++;
    }
    // Rows the parser could not read at all (ragged, bad JSON line) come as row-level errors, not rows.
    const unreadable = chunk.issues.filter((i) => i.level === 'error' && i.row !== null).length;
    rowsRejected += unreadable;
    rowsTotal += chunk.rows.length + unreadable;
    clock.lap('parse');
    await stageRows(tx, importId, staged);
    await run(tx, sql`update imports set rows_done = ${rowsTotal} where id = ${importId}`);
    clock.lap('stage');
  }
  if (rowsTotal === 0) throw new FeedError('empty', 'The feed has a header but no rows.');
  if (!app.mapping && mapping) {
    await run(tx, sql`update applications set mapping = ${JSON.stringify(mapping)}::jsonb, version = version + 1, updated_at = now() where id = ${app.id}`);
  }
  if (droppedLogLines > 0) logs.push({ row: null, level: 'info', message: `${droppedLogLines} more log lines were not kept.` });
  await writeLogs(tx, importId, logs);

  // The rows were staged inside this transaction: without fresh statistics the planner takes them
  // for a handful and picks nested loops for the joins below.
  await run(tx, sql`analyze import_rows`);
  clock.lap('stage');
  const rowsIgnored = await dropDuplicateRows(tx, importId);
  clock.lap('validate');
  const created = app.role === 'source' ? await createSourceIdentities(tx, app.id, importId) : 0;
  if (created > 1000) await run(tx, sql`analyze identities`);
  clock.lap('identities');
  const diff = await applyAccountDiff(tx, app, importId);
  if (diff.added + diff.updated + diff.removed + diff.restored > 1000) await run(tx, sql`analyze accounts`);
  clock.lap('diff');
  const identities =
    app.role === 'source'
      ? await syncSourceIdentities(tx, app.id, importId, created)
      : { created: 0, updated: 0, blocked: 0, unblocked: 0, conflicts: 0 };
  clock.lap('identities');
  if (app.role === 'source') {
    // Identities changed: every target application's accounts that may match them are re-matched.
    if (identities.created + identities.updated + identities.blocked + identities.unblocked > 0) await rematchTargets(tx);
  } else {
    // New accounts were matched as they were inserted; re-match the updated and restored ones.
    await rematchApplication(tx, app.id, app.matchingRules, sql`a.last_changed_import_id = ${importId} and a.first_seen_import_id is distinct from ${importId}`);
  }
  clock.lap('match');
  warnings += identities.conflicts;

  const staged = rowsTotal - rowsRejected - rowsIgnored;
  const counts: ImportCounts = {
    rowsTotal,
    rowsRejected,
    rowsIgnored,
    accountsAdded: diff.added,
    accountsUpdated: diff.updated,
    accountsRemoved: diff.removed,
    accountsRestored: diff.restored,
    accountsUnchanged: staged - diff.added - diff.updated - diff.restored,
    identitiesCreated: identities.created,
    identitiesUpdated: identities.updated,
    identitiesBlocked: identities.blocked,
    identitiesUnblocked: identities.unblocked,
    warnings,
    errors: rowsRejected + rowsIgnored,
  };
  const status = counts.errors + counts.warnings > 0 ? 'partial' : 'succeeded';
  await run(
    tx,
    sql`update imports set status = ${status}, counts = ${JSON.stringify(counts)}::jsonb, rows_total = ${rowsTotal},
               rows_done = ${rowsTotal}, finished_at = clock_timestamp()
        where id = ${importId}`,
  );
  clock.lap('record');
  return counts;
}

function assertRequiredColumns(mapping: FieldMapping, headers: readonly string[]): void {
  for (const attribute of mapping.required) {
    const column = mapping.fields[attribute];
    if (!column || !headers.includes(column)) {
      throw new FeedError(
        'malformed',
        `The feed has no column for the required attribute "${attribute}"${column ? ` (the mapping expects "${column}")` : ''}. Columns found: ${headers.slice(0, 20).join(', ') || 'none'}.`,
        { field: column ?? attribute },
      );
    }
  }
}

async function findApplication(db: Executor, slug: string): Promise<{ id: string } | undefined> {
  const { rows } = await run<{ id: string }>(db, sql`select id from applications where slug = ${slug}`);
  return rows[0];
}

async function recordStart(db: Executor, applicationId: string, request: ImportRequest, format: FeedFormat, actor: string): Promise<string> {
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
    sql`insert into imports (application_id, feed_id, status, trigger, actor, format, started_at)
        values (${applicationId}, ${feed.rows[0]!.id}, 'running', ${request.trigger}, ${actor}, ${format}, now())
        returning id`,
  );
  return created.rows[0]!.id;
}

async function recordFailure(db: Executor, importId: string, message: string, row: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    await run(tx, sql`update imports set status = 'failed', error = ${message}, finished_at = clock_timestamp() where id = ${importId}`);
    await writeLogs(tx, importId, [{ row, level: 'error', message }]);
  });
}

function failureReason(error: unknown): { message: string; row?: number } | null {
  if (error instanceof FeedError) return { message: error.message, row: error.row };
  if (error instanceof AppFailure) return { message: error.message, row: error.error.row };
  return null;
}

function describeActor(ctx: DataContext): string {
  if (ctx.actor.kind === 'admin') return ctx.actor.email;
  if (ctx.actor.kind === 'token') return `token:${ctx.actor.name}`;
  return `system:${ctx.actor.name}`;
}
