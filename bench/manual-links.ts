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
 * Links `share` of the application's active accounts by hand: three quarters contractors without a
 * match and a quarter multiple-match accounts, each side making up for what the other lacks, never
 * more than half of either kind, so both situations still read rows (at 10,000 there are no multiple
 * matches; at 1,000,000 against 100,000 identities, few contractors have a person behind them). The picks are spread over the alphabet (ordered by md5 of the key) and the
 * same on every run; only the UPDATE is timed.
 */
export async function linkManually(db: Executor, applicationId: string, share = 0.02): Promise<ManualLinks> {
  const open = sql`a.application_id = ${applicationId} and a.status = 'active' and not a.settled`;
  // contractors: `ext.<username>` is the person whose identity has that username (unique)
  const contractors = sql`select a.id, a.key, i.id as identity_id
    from accounts a join identities i on i.norm_username = lower(substr(a.key, 5)) and i.status = 'active'
    where ${open} and a.situation = 'no_match' and a.key like 'ext.%'`;
  const multiple = sql`select a.id, a.key, a.candidate_ids[1] as identity_id
    from accounts a where ${open} and a.situation = 'multiple_matches' and cardinality(a.candidate_ids) > 1`;
  const { rows: counted } = await run<{ active: number; contractors: number; multiple: number }>(
    db,
    sql`select (select count(*)::int from accounts where application_id = ${applicationId} and status = 'active') as active,
               (select count(*)::int from (${contractors}) c) as contractors, (select count(*)::int from (${multiple}) m) as multiple`,
  );
  const available = counted[0]!;
  const wanted = Math.round(available.active * share);
  // At most half of either kind, so that the Multiple matches and No match filters still read rows.
  const multipleLimit = Math.min(Math.floor(available.multiple / 2), Math.max(Math.round(wanted / 4), wanted - available.contractors));
  const contractorLimit = Math.min(Math.floor(available.contractors / 2), wanted - multipleLimit);
  const started = performance.now();
  const { rows } = await run<{ contractors: number; multiple: number }>(
    db,
    sql`with picked as (
          (select id, identity_id, 'contractor' as kind from (${contractors}) c order by md5(key) limit ${contractorLimit})
          union all (select id, identity_id, 'multiple' from (${multiple}) m order by md5(key) limit ${multipleLimit})
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
  return { ms: performance.now() - started, contractors: rows[0]!.contractors, multiple: rows[0]!.multiple, active: available.active };
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
