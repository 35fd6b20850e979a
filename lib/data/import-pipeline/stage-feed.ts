import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { StoredFieldMapping } from '@/db/schema';
import { byteaParam, run } from '@/db/sql';
import { defaultMapping, FeedError, parseFeed, rowMapper, unmappedFields, type FeedFormat, type FieldMapping, type MappedRow, type RawRow } from '@/lib/feeds';
import { dropDuplicateRows, duplicateMessage } from './apply';
import { attrHash } from './attr-hash';
import { KnownAccounts } from './known-accounts';
import { LEASE_SECONDS } from './lease';
import { stageRows, writeLogs, type LogLine, type StagedRow } from './stage';

/** Log lines kept per import; past this a single line says how many more there were. */
const MAX_LOG_LINES = 10_000;

export type StagedFeed = {
  rowsTotal: number;
  rowsRejected: number;
  rowsIgnored: number;
  warnings: number;
  /**
   * Known when the feed was just read (not for an import reviewed later): the rows staged, and the
   * active accounts it was read against and how many of those no row repeated unchanged. A feed that
   * staged nothing and repeated every account changes nothing, which needs no join to tell.
   */
  read?: { rowsStaged: number; accountsKnown: number; accountsUnrepeated: number };
};

export type Lap = (phase: string) => void;

/**
 * Phase one of an import: parses the feed as a stream, maps each row, and stages the chunks in
 * import_rows, each chunk in a short transaction of its own that also records progress (rows done),
 * so the import's page can show a live progress bar. Nothing here touches accounts or identities:
 * a crash leaves staged rows of a failed import, never a half-applied feed.
 */
export async function stageFeed(
  db: Executor,
  app: { id: string; role: 'source' | 'target'; mapping: StoredFieldMapping | null },
  importId: string,
  content: Uint8Array,
  format: FeedFormat,
  lap: Lap,
): Promise<StagedFeed> {
  const logs: LogLine[] = [];
  let droppedLogLines = 0;
  const log = (line: LogLine) => {
    if (logs.length < MAX_LOG_LINES) logs.push(line);
    else droppedLogLines++;
  };
  let mapping: FieldMapping | null = app.mapping;
  let mapRow: ((raw: RawRow) => MappedRow) | null = null;
  let rowsTotal = 0;
  let rowsRejected = 0;
  let warnings = 0;
  // Rows that repeat an active account unchanged are recognised here and not staged.
  const known = await KnownAccounts.load(db, app.id);
  let repeatedDuplicates = 0;
  let rowsStaged = 0;

  // The previous chunk's staging, still running while the next chunk is parsed and mapped (on Postgres
  // the two run on separate cores). Chunks still commit one after another, in order.
  let staging: Promise<void> = Promise.resolve();
  const stageChunk = (staged: StagedRow[], rowsDone: number) =>
    db.transaction(async (tx) => {
      await stageRows(tx, importId, staged);
      // Progress for the import's page, and the renewal of this worker's lease on the import.
      await run(tx, sql`update imports set rows_done = ${rowsDone}, lease_expires_at = now() + ${`${LEASE_SECONDS} seconds`}::interval where id = ${importId}`);
    });

  try {
    for await (const chunk of parseFeed(content, format, { allowNoRows: true })) {
      if (!mapRow) {
        // The first chunk: the mapping is checked against the feed's columns, then compiled once.
        mapping ??= proposedMapping(chunk.headers, app.role);
        assertRequiredColumns(mapping, chunk.headers);
        for (const field of unmappedFields(chunk.headers, mapping)) {
          warnings++;
          log({ row: null, field, level: 'warning', message: `Input field "${field}" has no equivalent account attribute in the mapping; it was not imported.` });
        }
        mapRow = rowMapper(mapping);
      }
      for (const issue of chunk.issues) {
        log({ row: issue.row, field: issue.field ?? null, level: issue.level, message: issue.message });
        if (issue.level === 'warning' && issue.row !== null) warnings++;
      }
      const staged: StagedRow[] = [];
      for (const raw of chunk.rows) {
        const { account, issues } = mapRow(raw);
        for (const issue of issues) log({ row: issue.row, field: issue.field ?? null, level: issue.level, message: issue.message });
        if (!account) {
          rowsRejected++;
          continue;
        }
        const hash = attrHash(account);
        const repeat = known.repeat(hash, account.row);
        if (repeat === 'new') {
          staged.push(Object.assign(account, { hash }));
          rowsStaged++;
        }
        else if (repeat !== 'repeated') {
          repeatedDuplicates++;
          log({ row: account.row, field: 'username', level: 'error', message: duplicateMessage(account.row, account.key, repeat.duplicateOf) });
        }
      }
      // Rows the parser could not read at all (ragged, bad JSON line) come as row-level errors, not rows.
      const unreadable = chunk.issues.filter((i) => i.level === 'error' && i.row !== null).length;
      rowsRejected += unreadable;
      rowsTotal += chunk.rows.length + unreadable;
      lap('parse');
      await staging;
      lap('stage');
      staging = stageChunk(staged, rowsTotal);
      // A failure is awaited (and thrown) before the next chunk or at the end; never left unhandled meanwhile.
      staging.catch(() => {});
      // Embedded PGlite runs in this process: let other requests (the progress bar) in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await staging;
    lap('stage');
  } catch (error) {
    await staging.catch(() => {});
    throw error;
  }
  if (droppedLogLines > 0) logs.push({ row: null, level: 'info', message: `${droppedLogLines} more log lines were not kept.` });

  return db.transaction(async (tx) => {
    await writeLogs(tx, importId, logs);
    // Fresh statistics first: without them the planner takes the staged rows for a handful and
    // picks nested loops (quadratic at 100,000 rows) for the joins that dedupe, diff and match them.
    // Only the columns those joins use: statistics on every attribute of every staged feed cost more.
    let rowsIgnored = repeatedDuplicates;
    if (rowsStaged > 0) {
      await run(tx, sql`analyze import_rows (import_id, key, row)`);
      rowsIgnored += (await dropDuplicateRows(tx, importId)) + (await dropRowsRepeatingUnchanged(tx, app.id, importId, known));
    }
    const unrepeated = known.unrepeated();
    await run(
      tx,
      sql`update imports set rows_total = ${rowsTotal}, rows_done = ${rowsTotal}, known_fingerprint = ${known.fingerprint},
                 unrepeated_digests = ${known.size > 0 ? byteaParam(db, unrepeated) : null}
          where id = ${importId}`,
    );
    if (!app.mapping && mapping) {
      // The first feed that staged cleanly gives the application its starting mapping (editable in settings).
      await run(tx, sql`update applications set mapping = ${JSON.stringify(mapping)}::jsonb, version = version + 1, updated_at = now()
                        where id = ${app.id} and mapping is null`);
    }
    lap('validate');
    return { rowsTotal, rowsRejected, rowsIgnored, warnings, read: { rowsStaged, accountsKnown: known.size, accountsUnrepeated: unrepeated.byteLength / 8 } };
  });
}

/** The mapping proposed for a first feed: only a source's says who left (leavers). */
function proposedMapping(headers: string[], role: 'source' | 'target'): FieldMapping {
  const { leavers, ...mapping } = defaultMapping(headers);
  return role === 'source' && leavers ? { ...mapping, leavers } : mapping;
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

/**
 * A staged (changed) row whose key also came in another row that repeated its account unchanged:
 * the later of the two is ignored, as any repeated username is (dropDuplicateRows). When the staged
 * row is the later, it is dropped; when it is the earlier, it stays and the unchanged row is the one
 * logged. Either way one row is ignored. Only when the application had accounts to repeat.
 */
async function dropRowsRepeatingUnchanged(tx: Executor, applicationId: string, importId: string, known: KnownAccounts): Promise<number> {
  if (known.size === 0) return 0;
  const { rows } = await run<{ row: number; key: string; attr_hash: string }>(
    tx,
    sql`select s.row, s.key, a.attr_hash from import_rows s
        join accounts a on a.application_id = ${applicationId} and a.key = s.key and a.status = 'active'
        where s.import_id = ${importId} and a.attr_hash <> s.attr_hash`,
  );
  const logs: LogLine[] = [];
  const dropped: number[] = [];
  for (const staged of rows) {
    const repeatedBy = known.repeatedRow(staged.attr_hash);
    if (repeatedBy === null) continue;
    if (repeatedBy < staged.row) {
      dropped.push(staged.row);
      logs.push({ row: staged.row, field: 'username', level: 'error', message: duplicateMessage(staged.row, staged.key, repeatedBy) });
    } else {
      logs.push({ row: repeatedBy, field: 'username', level: 'error', message: duplicateMessage(repeatedBy, staged.key, staged.row) });
    }
  }
  if (dropped.length > 0) await run(tx, sql`delete from import_rows where import_id = ${importId} and row = any(${sql.param(dropped)}::int[])`);
  await writeLogs(tx, importId, logs);
  return logs.length;
}
