/**
 * `npm run bench`: imports and reconciles 100,000 accounts against 100,000 identities through the same
 * code path as an upload, on embedded PGlite and on the Postgres at TEST_POSTGRES_URL, and prints the
 * figures. Each run uses fresh databases that it drops afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '@/db/client';
import { run } from '@/db/sql';
import { openTestDatabase } from '@/db/testing';
import { accountFeed, hrFeed } from '@/bench/synthetic';
import { createApplication } from '@/lib/data/applications';
import type { DataContext } from '@/lib/data/context';
import { runImport } from '@/lib/data/imports';
import { listReconciliation } from '@/lib/data/reconciliation';

const size = Number(process.argv.find((a) => a.startsWith('--size='))?.split('=')[1] ?? 100_000);
const drivers = (process.argv.find((a) => a.startsWith('--drivers='))?.split('=')[1] ?? 'pglite,pg').split(',');
const encoder = new TextEncoder();

type Row = { driver: string; step: string; ms: number; detail: string };
const results: Row[] = [];

async function timed<T>(driver: string, step: string, work: () => Promise<T>, detail: (value: T) => string): Promise<T> {
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  results.push({ driver, step, ms, detail: detail(value) });
  console.log(`${driver.padEnd(7)} ${step.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${detail(value)}`);
  return value;
}

async function benchDriver(driver: string, handle: DbHandle): Promise<void> {
  const ctx: DataContext = { db: handle.db, actor: { kind: 'system', name: 'bench' } };
  for (const [slug, role] of [['hr', 'source'], ['crm', 'target']] as const) {
    const created = await createApplication(ctx, { name: slug.toUpperCase(), slug, role });
    if (!created.ok) throw new Error(created.error.message);
  }
  const hr = encoder.encode(hrFeed(size));
  const crm = encoder.encode(accountFeed(size));
  const changed = encoder.encode(accountFeed(size, 1, { changedShare: 0.05, removedShare: 0.01, addedShare: 0.01 }));
  const describe = (r: Awaited<ReturnType<typeof runImport>>) => {
    if (!r.ok) return `refused: ${r.error.message}`;
    const c = r.value.counts;
    const phases = Object.entries(r.value.phases ?? {}).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    return c
      ? `${r.value.status}; ${phases}; added ${c.accountsAdded}, updated ${c.accountsUpdated}, removed ${c.accountsRemoved}, unchanged ${c.accountsUnchanged}, identities created ${c.identitiesCreated}`
      : `${r.value.status}: ${r.value.error}`;
  };
  const importFeed = (slug: string, content: Uint8Array) => runImport(ctx, { applicationSlug: slug, content, fileName: `${slug}.csv`, trigger: 'manual' });

  await timed(driver, `HR feed, ${size.toLocaleString('en')} identities (source)`, () => importFeed('hr', hr), describe);
  await timed(driver, `accounts feed, ${size.toLocaleString('en')} (import + reconcile)`, () => importFeed('crm', crm), describe);
  const written = async () =>
    (await run<{ n: number }>(handle.db, sql`select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::int as n from pg_stat_user_tables where relname = 'accounts'`)).rows[0]!.n;
  const before = driver === 'pglite' ? null : await written();
  await timed(driver, 'same accounts feed again (unchanged)', () => importFeed('crm', crm), (r) => describe(r));
  if (before !== null) {
    await new Promise((resolve) => setTimeout(resolve, 700)); // statistics are flushed asynchronously
    console.log(`${driver.padEnd(7)} account rows written by the unchanged re-import: ${(await written()) - before}`);
  }
  await timed(driver, 'accounts feed with 5 % changed, 1 % removed, 1 % added', () => importFeed('crm', changed), describe);
  const { rows } = await run<{ id: string }>(handle.db, sql`select id from applications where slug = 'crm'`);
  const query = { q: '', situation: [], status: [], sort: 'account' as const, dir: 'asc' as const, page: 1, pageSize: 50 };
  await timed(driver, 'reconciliation table, first page', () => listReconciliation(ctx, rows[0]!.id, query), (r) => `${r.total} accounts`);
  await timed(driver, 'reconciliation table, search "smith"', () => listReconciliation(ctx, rows[0]!.id, { ...query, q: 'smith' }), (r) => `${r.total} found`);
}

async function main() {
  console.log(`Concord benchmark: ${size.toLocaleString('en')} accounts, node ${process.version}, ${os.cpus().length} cores\n`);
  for (const driver of drivers) {
    if (driver === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
      const handle = await openDatabase({ driver: 'pglite', dataDir: path.join(dir, 'pglite') });
      try {
        await benchDriver('pglite', handle);
      } finally {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else {
      const handle = await openTestDatabase(driver === 'neon' ? 'neon' : 'pg');
      try {
        await benchDriver(driver, handle);
      } finally {
        await handle.close();
      }
    }
  }
}

await main();
