import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './sql';
import { openTestDatabase, testDrivers, type TestDatabase } from './testing';
import { keepEmbeddedTablesUp } from './upkeep';

/** A table's vacuum and analyze counts and its pages marked all-visible, as the database reports them. */
async function tableState(t: TestDatabase, table: string) {
  await run(t.db, sql`select pg_stat_force_next_flush()`);
  const { rows } = await run<{ vacuums: number; analyzes: number; dead: number; pages: number; visible: number }>(
    t.db,
    sql`select (s.vacuum_count + s.autovacuum_count)::int as vacuums, (s.analyze_count + s.autoanalyze_count)::int as analyzes,
               s.n_dead_tup::int as dead, c.relpages as pages, c.relallvisible as visible
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = ${table}`,
  );
  return rows[0]!;
}

describe.each(testDrivers)('embedded upkeep on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await run(t.db, sql`create table upkeep_churn (id int primary key, v text, flag int)`);
    await run(t.db, sql`create index on upkeep_churn (flag)`);
    await run(t.db, sql`create table upkeep_quiet (id int primary key)`);
    await run(t.db, sql`insert into upkeep_quiet values (1)`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it(driver === 'pglite' ? 'vacuums a churned table, marks its pages all-visible and leaves quiet ones alone' : 'leaves the work to autovacuum', async () => {
    await run(t.db, sql`insert into upkeep_churn select g, md5(g::text), 0 from generate_series(1, 20000) g`);
    // an indexed column changes: 5,000 dead row versions, each with its index entries
    await run(t.db, sql`update upkeep_churn set flag = 1 where id % 4 = 0`);
    const quietBefore = await tableState(t, 'upkeep_quiet');
    const steps = await keepEmbeddedTablesUp(t.db);
    if (driver !== 'pglite') {
      expect(steps).toEqual([]);
      return;
    }
    expect(steps).toContainEqual(expect.objectContaining({ table: 'upkeep_churn', action: 'vacuum' }));
    expect(steps.map((s) => s.table)).not.toContain('upkeep_quiet');
    const churn = await tableState(t, 'upkeep_churn');
    expect(churn).toMatchObject({ vacuums: 1, analyzes: 1, dead: 0 });
    expect(churn.visible).toBe(churn.pages);
    expect(await tableState(t, 'upkeep_quiet')).toEqual(quietBefore);
    // nothing changed since: nothing more to do
    expect(await keepEmbeddedTablesUp(t.db)).toEqual([]);
  });
});
