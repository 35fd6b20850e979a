/**
 * Manual links for the table's "Manually linked" figure: the synthetic feeds produce none, so that
 * situation's query would read zero rows. After an import, a share of the application's accounts is
 * linked by hand, as an admin would: contractors who match nobody (`ext.james.smith5`) are assigned
 * the person behind them (the identity `james.smith5`), and accounts on a shared team mailbox are
 * assigned one of their candidates.
 *
 * lib/data/account-actions.ts has no set-based assign (assignIdentity acts on one account, in its own
 * transaction, with its own audit entry), so this is one UPDATE that sets exactly what that action's
 * update sets: linked_identity_id, link_status 'linked', situation 'manually_linked', settled, version + 1,
 * updated_at. The facet counts follow through the statement-level triggers on accounts
 * (account_facet_deltas), as they do for the product's actions. Not written: the per-account audit
 * entries, which the table's queries never read.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import type { Figure } from './figures';

export type ManualLinks = { ms: number; contractors: number; multiple: number; active: number };

/**
 * Links `share` of the application's active accounts by hand: three quarters of them contractors
 * without a match, a quarter multiple-match accounts (fewer if there are not that many). The picks
 * are spread over the alphabet (ordered by md5 of the key) and the same on every run.
 */
export async function linkManually(db: Executor, applicationId: string, share = 0.02): Promise<ManualLinks> {
  const { rows: counted } = await run<{ n: number }>(
    db,
    sql`select count(*)::int as n from accounts where application_id = ${applicationId} and status = 'active'`,
  );
  const active = counted[0]!.n;
  const wanted = Math.round(active * share);
  const multipleWanted = Math.round(wanted / 4);
  const started = performance.now();
  const { rows } = await run<{ contractors: number; multiple: number }>(
    db,
    sql`with open as (
          select a.id, a.key, a.situation, a.candidate_ids from accounts a
          where a.application_id = ${applicationId} and a.status = 'active' and not a.settled
        ),
        multiple as (
          select id, candidate_ids[1] as identity_id from open
          where situation = 'multiple_matches' and cardinality(candidate_ids) > 1
          order by md5(key) limit ${multipleWanted}
        ),
        contractors as (
          select o.id, i.id as identity_id from open o
          join identities i on i.norm_username = lower(substr(o.key, 5)) and i.status = 'active'
          where o.situation = 'no_match' and o.key like 'ext.%'
          order by md5(o.key) limit ${wanted} - (select count(*) from multiple)
        ),
        picked as (
          select id, identity_id, 'contractor' as kind from contractors
          union all select id, identity_id, 'multiple' from multiple
        ),
        linked as (
          update accounts a set linked_identity_id = p.identity_id, link_status = 'linked', situation = 'manually_linked',
                 settled = true, version = a.version + 1, updated_at = now()
          from picked p where a.id = p.id
          returning p.kind
        )
        select count(*) filter (where kind = 'contractor')::int as contractors, count(*) filter (where kind = 'multiple')::int as multiple
        from linked`,
  );
  return { ms: performance.now() - started, contractors: rows[0]!.contractors, multiple: rows[0]!.multiple, active };
}

/** Links the share by hand and reports it as a setup figure (no target: it only makes the "Manually linked" query read rows). */
export async function manualLinksFigure(db: Executor, driver: string, applicationId: string, id: string): Promise<Figure> {
  const linked = await linkManually(db, applicationId);
  const n = linked.contractors + linked.multiple;
  return {
    driver,
    id,
    label: `setup: ${n.toLocaleString('en-US')} accounts linked by hand (one UPDATE)`,
    value: linked.ms,
    unit: 'ms',
    detail: `${linked.contractors.toLocaleString('en-US')} contractors without a match + ${linked.multiple.toLocaleString('en-US')} multiple matches, ${((100 * n) / linked.active).toFixed(1)} % of ${linked.active.toLocaleString('en-US')} active accounts`,
  };
}
