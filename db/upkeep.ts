import { sql } from 'drizzle-orm';
import { isEmbedded, type Executor } from './client';
import { run } from './sql';

export type UpkeepStep = { table: string; action: 'vacuum' | 'analyze'; ms: number };

/**
 * Autovacuum for the embedded database. Postgres (and Neon) vacuum and analyze tables by themselves;
 * PGlite runs as a single user and never does, so without this its tables would keep every dead row
 * version for good, and the visibility map an index-only scan relies on (the table's label index:
 * page 500 skips 24,950 entries) would stay empty, each entry then costing a heap fetch.
 *
 * Called by the import worker when the queue is idle. It applies Postgres' own default thresholds:
 * a table is vacuumed (and analyzed) when its dead row versions exceed 50 + 20 % of its rows or its
 * rows inserted since the last vacuum exceed 1,000 + 20 %, and analyzed alone when its rows changed
 * since the last analyze exceed 50 + 10 %. On any other database it does nothing. VACUUM cannot run
 * in a transaction: `db` must be the database, not a transaction on it.
 */
export async function keepEmbeddedTablesUp(db: Executor): Promise<UpkeepStep[]> {
  if (!isEmbedded(db)) return [];
  // PGlite reports its table statistics a moment after each transaction: have them now.
  await run(db, sql`select pg_stat_force_next_flush()`);
  const { rows } = await run<{ table: string; vacuum: boolean }>(
    db,
    sql`select s.relname as table,
               (s.n_dead_tup > 50 + 0.2 * t.rows or s.n_ins_since_vacuum > 1000 + 0.2 * t.rows) as vacuum
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid, lateral (select greatest(c.reltuples, 0) as rows) t
        where s.schemaname = current_schema()
          and (s.n_dead_tup > 50 + 0.2 * t.rows or s.n_ins_since_vacuum > 1000 + 0.2 * t.rows or s.n_mod_since_analyze > 50 + 0.1 * t.rows)
        order by s.relname`,
  );
  const steps: UpkeepStep[] = [];
  for (const { table, vacuum } of rows) {
    const started = performance.now();
    await run(db, vacuum ? sql`vacuum (analyze) ${sql.identifier(table)}` : sql`analyze ${sql.identifier(table)}`);
    steps.push({ table, action: vacuum ? 'vacuum' : 'analyze', ms: performance.now() - started });
  }
  return steps;
}

/** The steps in a line: "vacuum accounts 1436 ms, analyze imports 1 ms". */
export function describeUpkeep(steps: readonly UpkeepStep[]): string {
  return steps.map((step) => `${step.action} ${step.table} ${step.ms.toFixed(0)} ms`).join(', ');
}
