/**
 * The load test's data: a source and a target application with N synthetic people (the benchmark's
 * feeds, imported through runImport) and one admin per simulated browser.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { run } from '@/db/sql';
import { demoCredentials } from '@/db/demo-data';
import { createAdmin } from '@/lib/data/admins';
import { createApplication } from '@/lib/data/applications';
import type { DataContext } from '@/lib/data/context';
import { runImport } from '@/lib/data/imports';
import { accountFeed, hrFeed } from './synthetic';

export type LoadAdmin = { email: string; password: string };

const LOAD_PASSWORD = 'concord-load-admin';
const loadAdminEmail = (n: number) => `load-admin-${n}@concord.test`;

export async function seedLoad(db: Db, size: number, admins: number): Promise<void> {
  const ctx: DataContext = { db, actor: { kind: 'system', name: 'load-seed' } };
  for (const [slug, role, feed] of [['load-hr', 'source', hrFeed(size)], ['load-crm', 'target', accountFeed(size)]] as const) {
    const { rows } = await run(db, sql`select 1 from applications where slug = ${slug}`);
    if (rows.length === 0) {
      const created = await createApplication(ctx, { name: slug === 'load-hr' ? 'Load HR' : 'Load CRM', slug, role });
      if (!created.ok) throw new Error(created.error.message);
    }
    const started = performance.now();
    const result = await runImport(ctx, { applicationSlug: slug, content: new TextEncoder().encode(feed), fileName: `${slug}.csv`, trigger: 'manual' });
    if (!result.ok) throw new Error(result.error.message);
    console.log(`seeded ${slug}: ${result.value.status} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  for (let n = 1; n <= admins; n++) {
    const { rows } = await run(db, sql`select 1 from admins where lower(email) = ${loadAdminEmail(n)}`);
    if (rows.length === 0) await createAdmin(db, { email: loadAdminEmail(n), name: `Load admin ${n}`, password: LOAD_PASSWORD, role: 'admin' });
  }
}

/** The seeded load admins when there are enough of them, else the demo admin for every browser. */
export async function loadAdmins(db: Db, count: number): Promise<LoadAdmin[]> {
  const { rows } = await run<{ n: number }>(db, sql`select count(*)::int as n from admins where email like 'load-admin-%@concord.test'`);
  if (rows[0]!.n >= count) return Array.from({ length: count }, (_, i) => ({ email: loadAdminEmail(i + 1), password: LOAD_PASSWORD }));
  const { email, password } = demoCredentials.admin;
  return Array.from({ length: count }, () => ({ email, password }));
}
