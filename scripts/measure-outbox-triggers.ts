/**
 * Measures what the outbox triggers and the entitlement re-evaluation cost at 100,000 identities, on
 * PGlite and on the Postgres at TEST_POSTGRES_URL (a database of its own, dropped after):
 *   npx tsx --conditions=react-server scripts/measure-outbox-triggers.ts [--size=100000] [--drivers=pglite,pg]
 * Each figure is the best of --rounds (3) runs of one statement updating every identity, with the
 * triggers enabled or disabled.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import { evaluateEntitlements } from '@/lib/data/entitlements';

const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const size = Number(option('size', '100000'));
const drivers = option('drivers', 'pglite,pg').split(',') as ('pglite' | 'pg')[];
const rounds = Number(option('rounds', '3'));

/** The best of `rounds` runs: the machine is shared, so the minimum is the least disturbed figure. */
async function timed(label: string, work: (round: number) => Promise<unknown>, times = rounds): Promise<void> {
  let best = Infinity;
  for (let round = 1; round <= times; round++) {
    const started = performance.now();
    await work(round);
    best = Math.min(best, performance.now() - started);
  }
  console.log(`  ${label.padEnd(72)} ${(best / 1000).toFixed(2)} s`);
}

const touchAll = (db: Executor, round: number) =>
  run(db, sql`update identities set display_name = 'Person ' || employee_id || ' r' || ${round}::text, version = version + 1`);
const triggers = (db: Executor, on: boolean) =>
  run(db, sql.raw(`alter table identities ${on ? 'enable' : 'disable'} trigger identities_outbox_update`));
const events = async (db: Executor) => (await run<{ n: number }>(db, sql`select count(*)::int as n from outbox_events`)).rows[0]!.n;

/**
 * The same update with the identities trigger disabled and enabled, interleaved round by round and
 * each on a freshly vacuumed table, so that neither side pays for the other's dead rows.
 */
async function compare(db: Executor, label: string): Promise<void> {
  const best = { off: Infinity, on: Infinity };
  const before = await events(db);
  for (let round = 1; round <= rounds; round++) {
    for (const side of ['off', 'on'] as const) {
      await run(db, sql`vacuum analyze identities`);
      await triggers(db, side === 'on');
      const started = performance.now();
      await touchAll(db, round * 2 + (side === 'on' ? 1 : 0));
      best[side] = Math.min(best[side], performance.now() - started);
    }
  }
  await triggers(db, true);
  console.log(`  ${label}`);
  console.log(`    triggers disabled ${(best.off / 1000).toFixed(2)} s, enabled ${(best.on / 1000).toFixed(2)} s; events per run: ${((await events(db)) - before) / rounds}`);
}

async function measure(t: TestDatabase): Promise<void> {
  const db = t.db;
  console.log(`${t.driver}: ${size.toLocaleString('en')} identities`);
  await run(
    db,
    sql`insert into identities (username, email, employee_id, groups)
        select 'p' || g, 'p' || g || '@example.com', lpad(g::text, 7, '0'), case when g % 10 = 0 then '{staff,finance}'::text[] else '{staff}'::text[] end
        from generate_series(1, ${size}) g`,
  );
  await run(db, sql`insert into applications (slug, name, role, matching_rules) values ('crm', 'CRM', 'target', '[]'), ('erp', 'ERP', 'target', '[]')`);
  await run(db, sql`analyze identities`);

  await compare(db, 'update every identity, nobody assigned');
  await run(db, sql`insert into assignments (identity_id, application_id, origin) select i.id, a.id, 'manual' from identities i, applications a where i.employee_id <= lpad('1000', 7, '0')`);
  await run(db, sql`analyze assignments`);
  await compare(db, 'update every identity, 1,000 identities assigned to 2 applications');

  await run(db, sql`insert into entitlement_rules (application_id, priority, group_name, grants_role) select id, 1, 'finance', 'accountant' from applications where slug = 'erp'`);
  await timed(`evaluate entitlement rules for all identities (1 rule, ${(size / 10).toLocaleString('en')} match)`, () => evaluateEntitlements(db, { kind: 'all' }), 1);
  await timed('evaluate again (nothing changes)', () => evaluateEntitlements(db, { kind: 'all' }));
}

for (const driver of drivers) {
  const t = await openTestDatabase(driver);
  try {
    await measure(t);
  } finally {
    await t.close();
  }
}
