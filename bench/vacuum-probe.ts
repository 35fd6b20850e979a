/**
 * `npm run bench -- --vacuum-probe`: page 500 before and after a `vacuum (analyze) accounts`, for the
 * question whether the import worker should vacuum after big imports. Page 500 reads its 50 ids from an
 * index-only scan that skips 24,950 entries; each entry on a heap page not marked all-visible in the
 * visibility map costs a heap fetch. Postgres' autovacuum sets those bits in time; embedded PGlite has
 * no autovacuum, so only an explicit VACUUM (which cannot run inside a transaction block) does. The
 * product never vacuums, so the bench's own page-500 figure is measured as it leaves the table; this
 * probe runs at the very end of the scenario, after every other figure, and changes none of them.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import type { DataContext } from '@/lib/data/context';
import type { Figure } from './figures';
import { benchTableQueries, tableVariants } from './table-queries';

const page500 = tableVariants.filter((v) => v.id === 'page-500');

export async function probeVacuum(ctx: DataContext, driver: string, applicationId: string, options: { runs: number; sizeLabel: string }): Promise<Figure[]> {
  const measure = async (id: string, label: string): Promise<Figure> => {
    const [figure] = await benchTableQueries(ctx, driver, applicationId, { ...options, target: { kind: 'below', value: 50 }, variants: page500 });
    const state = await visibility(ctx.db, applicationId);
    return { ...figure!, id: `vacuum-probe.${id}`, label: `page 500 ${label} (p50 / p95)`, detail: `${figure!.detail}; ${state}` };
  };
  const before = await measure('before', 'at the end, as the product leaves it');
  const started = performance.now();
  await run(ctx.db, sql`vacuum (analyze) accounts`);
  const vacuumed: Figure = { driver, id: 'vacuum-probe.vacuum', label: 'vacuum (analyze) accounts (the product never runs it)', value: performance.now() - started, unit: 'ms' };
  const after = await measure('after', 'after that vacuum');
  return [before, vacuumed, after];
}

/** Page 500's plan (the same page query as listReconciliation's) and heap fetches, the share of all-visible pages, autovacuums. */
async function visibility(db: Executor, applicationId: string): Promise<string> {
  const { rows: plan } = await run<{ 'QUERY PLAN': unknown }>(
    db,
    sql`explain (analyze, format json) select a.id from accounts a where a.application_id = ${applicationId} and a.status = 'active'
        order by lower(a.label) collate "C" asc nulls last, a.id asc limit 50 offset 24950`,
  );
  const scan = describeScan(plan[0]!['QUERY PLAN']);
  const { rows } = await run<{ pages: number; visible: number; autovacuums: number }>(
    db,
    sql`select c.relpages as pages, c.relallvisible as visible, coalesce(s.autovacuum_count, 0)::int as autovacuums
        from pg_class c left join pg_stat_user_tables s on s.relid = c.oid where c.oid = 'accounts'::regclass`,
  );
  const r = rows[0]!;
  return `plan: ${scan}; all-visible ${r.visible} of ${r.pages} pages (as of the last vacuum or analyze); autovacuums of accounts ${r.autovacuums}`;
}

/** The plan's nodes, outermost first, and the heap fetches of its index-only scan if it has one. */
function describeScan(plan: unknown): string {
  const nodes: string[] = [];
  let fetches: number | undefined;
  const visit = (node: unknown): void => {
    if (typeof node === 'string') return visit(JSON.parse(node));
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['Node Type'] === 'string') nodes.push(`${record['Node Type']}${record['Index Name'] ? ` (${String(record['Index Name'])})` : ''}`);
    if (typeof record['Heap Fetches'] === 'number') fetches = record['Heap Fetches'];
    visit(record.Plan ?? record.Plans);
  };
  visit(plan);
  return `${nodes.join(' > ')}${fetches === undefined ? '' : `, heap fetches ${fetches}`}`;
}
