import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { linkStatuses, situations, type LinkStatus, type Situation } from '@/lib/enums';
import { authorizeForApplication } from './actor';
import type { DataContext } from './context';

/**
 * The reconciliation table's facet counts without scanning the accounts: active accounts per
 * situation and link status are the sums of account_facet_deltas, rows that statement-level
 * triggers on accounts write (migration 0009) and that reads and imports fold.
 */

export type FacetGroup = { situation: Situation; link_status: LinkStatus; n: number };

/** Delta rows an application may gather before a read folds them (actions add up to two each). */
const FOLD_AFTER_ROWS = 500;

/** Every active account of an application per situation and link status: the sums of account_facet_deltas (kept by triggers on accounts), a few rows instead of every account. */
export async function allFacetGroups(db: Executor, applicationId: string): Promise<FacetGroup[]> {
  const { rows } = await run<FacetGroup & { deltaRows: number }>(
    db,
    sql`select situation, link_status, sum(delta)::int as n, count(*)::int as "deltaRows" from account_facet_deltas
        where application_id = ${applicationId} group by situation, link_status`,
  );
  if (rows.reduce((sum, r) => sum + r.deltaRows, 0) > FOLD_AFTER_ROWS) await foldFacetDeltas(db, applicationId);
  return rows.filter((r) => r.n !== 0);
}

/**
 * Folds an application's facet deltas into one row per situation and link status. One statement:
 * each row is deleted once and its delta re-inserted in the sum, so concurrent folds and inserts
 * stay correct (a row another fold already took is simply not returned here).
 */
export async function foldFacetDeltas(db: Executor, applicationId: string): Promise<void> {
  await run(
    db,
    sql`with taken as (
          delete from account_facet_deltas where application_id = ${applicationId}
            -- already folded (at most one row per situation and link status): nothing to write
            and (select count(*) from account_facet_deltas where application_id = ${applicationId}) > ${situations.length * linkStatuses.length}
          returning situation, link_status, delta
        )
        insert into account_facet_deltas (application_id, situation, link_status, delta)
        select ${applicationId}, situation, link_status, sum(delta) from taken group by situation, link_status having sum(delta) <> 0`,
  );
}

/** A count of zero for each situation. */
export const noSituations = () => Object.fromEntries(situations.map((s) => [s, 0])) as Record<Situation, number>;

/** Every active account of an application by situation, whatever the table shows (a few delta rows, never the accounts). */
export async function situationCounts(ctx: DataContext, applicationId: string): Promise<Record<Situation, number>> {
  await authorizeForApplication(ctx.db, ctx.actor, applicationId, 'viewer');
  const counts = noSituations();
  for (const g of await allFacetGroups(ctx.db, applicationId)) counts[g.situation] += g.n;
  return counts;
}
