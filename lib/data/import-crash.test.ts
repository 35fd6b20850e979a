import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import { accountFeed } from '@/bench/synthetic';
import { failAbandonedImports } from './import-pipeline/lease';
import { runImport } from './imports';
import { insertApplication } from './testing/fixtures';

async function snapshot(t: TestDatabase) {
  const { rows } = await run<{ digest: string; n: number }>(
    t.db,
    sql`select md5(coalesce(string_agg(id::text || version || status || situation, ',' order by id), '')) as digest, count(*)::int as n from accounts`,
  );
  return rows[0]!;
}

const waitFor = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

// On the real Postgres server: a separate process imports 100,000 accounts and is killed with SIGKILL
// while its apply transaction runs. Nothing may be half applied, and the import must end failed.
describe('an import killed half way, on Postgres', () => {
  let t: TestDatabase;
  let app: { id: string; slug: string };

  beforeAll(async () => {
    t = await openTestDatabase('pg');
    app = await insertApplication(t.db, 'target', undefined, 1);
    const first = await runImport({ db: t.db, actor: { kind: 'system', name: 'test' } }, {
      applicationSlug: app.slug,
      content: new TextEncoder().encode(accountFeed(5_000, 3)),
      fileName: 'small.csv',
      trigger: 'manual',
    });
    expect(first).toMatchObject({ ok: true, value: { status: expect.stringMatching(/succeeded|partial/) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves the accounts exactly as they were, and the abandoned import ends failed', async () => {
    const before = await snapshot(t);
    const child = spawn('npx', ['tsx', '--conditions=react-server', 'lib/data/testing/import-child.ts', t.url!, app.slug, '100000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

    // Wait until the apply transaction is writing accounts, then kill the whole process group.
    const applying = await waitFor(async () => {
      const { rows } = await run<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = ${t.name} and pid <> pg_backend_pid() and state = 'active' and query like '/* concord:apply:%'`,
      );
      return rows[0]!.n > 0;
    }, 60_000);
    const activity = await run<{ state: string; query: string }>(
      t.db,
      sql`select state, left(query, 120) as query from pg_stat_activity where datname = ${t.name} and pid <> pg_backend_pid()`,
    );
    expect(applying, `the child never reached the apply phase:\n${output}\n${JSON.stringify(activity.rows)}`).toBe(true);
    process.kill(-child.pid!, 'SIGKILL');
    await exited;

    // The server rolls the orphaned transaction back once it notices the client is gone.
    const settled = await waitFor(async () => {
      const { rows } = await run<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pg_stat_activity where datname = ${t.name} and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      return rows[0]!.n === 0;
    }, 60_000);
    expect(settled).toBe(true);
    expect(await snapshot(t)).toEqual(before);

    const { rows: running } = await run<{ id: string; status: string }>(t.db, sql`select id, status from imports where status = 'running'`);
    expect(running).toHaveLength(1);
    // Its lease runs out (simulated: two minutes pass), and any instance's sweep marks it failed.
    await run(t.db, sql`update imports set lease_expires_at = now() - interval '1 second' where id = ${running[0]!.id}`);
    expect(await failAbandonedImports(t.db)).toBe(1);
    const { rows: after } = await run<{ status: string; error: string; staged: number }>(
      t.db,
      sql`select status, error, (select count(*)::int from import_rows where import_id = ${running[0]!.id}) as staged from imports where id = ${running[0]!.id}`,
    );
    expect(after[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/), staged: 0 });
    expect(await snapshot(t)).toEqual(before);
  }, 240_000);
});
