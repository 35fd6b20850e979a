/**
 * Counts the row versions an operation wrote to a table, the same way on Postgres and PGlite: every
 * inserted or updated row version carries the id of the transaction that wrote it (xmin), so rows
 * with an xmin newer than a marker transaction were written after it; deletions show in the count.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';

export type WriteMarker = { xid: string; counts: Record<string, number> };

const countedTables = ['accounts', 'identities'] as const;

export async function markWrites(db: Executor): Promise<WriteMarker> {
  // pg_current_xact_id() assigns this statement's transaction an id: every later write has a larger one.
  const { rows } = await run<{ xid: string }>(db, sql`select (pg_current_xact_id()::text::bigint % 4294967296)::text as xid`);
  const counts: Record<string, number> = {};
  for (const table of countedTables) counts[table] = await countRows(db, table);
  return { xid: rows[0]!.xid, counts };
}

/** Row versions written per table since the marker (fresh databases: no xid wraparound to worry about). */
export async function writesSince(db: Executor, marker: WriteMarker): Promise<Record<string, number>> {
  const written: Record<string, number> = {};
  for (const table of countedTables) {
    const { rows } = await run<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where xmin::text::bigint > ${marker.xid}::bigint`,
    );
    const deleted = Math.max(0, marker.counts[table]! - (await countRows(db, table)));
    written[table] = rows[0]!.n + deleted;
  }
  return written;
}

async function countRows(db: Executor, table: string): Promise<number> {
  const { rows } = await run<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return rows[0]!.n;
}
