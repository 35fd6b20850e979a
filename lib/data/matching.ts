import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { normalised } from '@/db/schema/identities';
import type { MatchAttribute, MatchingRule } from '@/lib/matching/rules';

/** Whitelisted normalised columns, the same on accounts and identities. */
const normColumn: Record<MatchAttribute, string> = {
  email: 'norm_email',
  username: 'norm_username',
  employeeId: 'norm_employee_id',
  displayName: 'norm_display_name',
};

/**
 * The normalised values the rules compare, computed from raw columns of `alias` (a staged row, say),
 * as the columns of a `target` relation: only those some rule reads (each costs a lower() per row).
 */
export function targetNormColumns(rules: readonly MatchingRule[], alias: string): SQL {
  const raw: Record<MatchAttribute, string> = { email: 'email', username: 'username', employeeId: 'employee_id', displayName: 'display_name' };
  const used = [...new Set(rules.map((rule) => rule.account))];
  return sql.join(
    used.map((attribute) => sql`${normalised(sql.raw(`${alias}.${raw[attribute]}`))} as ${sql.raw(normColumn[attribute])}`),
    sql`, `,
  );
}

/**
 * The matching, as SQL over a relation `target(id, norm_email, norm_username, norm_employee_id,
 * norm_display_name)` defined by the caller: a join per rule against identities, and the first rule
 * that finds anyone decides (lib/matching `decide`). Yields the CTE `outcome(id, ids, rule)` with
 * the sorted candidate ids; a target row without candidates has no outcome row.
 */
export function matchOutcomeCtes(rules: readonly MatchingRule[]): SQL {
  const perRule: SQL[] = rules.map((rule, index) => {
    const targetCol = sql.raw(`t.${normColumn[rule.account]}`);
    const identityCol = sql.raw(`i.${normColumn[rule.identity]}`);
    // As lib/matching matchKey: a display name on either side counts only with two words or more (the
    // values are equal, so the account's says it for both).
    const twoWords = rule.account === 'displayName' || rule.identity === 'displayName' ? sql` and position(' ' in ${targetCol}) > 0` : sql``;
    return sql`select t.id, ${index}::int as rule, i.id as identity_id
               from target t join identities i on ${identityCol} = ${targetCol}
               where ${targetCol} <> ''${twoWords}`;
  });
  const candidates = perRule.length > 0 ? sql.join(perRule, sql` union all `) : sql`select null as id, 0 as rule, null::uuid as identity_id where false`;
  return sql`cand as (${candidates}),
    best as (select id, min(rule) as rule from cand group by id),
    outcome as (
      select c.id, array_agg(distinct c.identity_id order by c.identity_id) as ids, c.rule::smallint as rule
      from cand c join best b on b.id = c.id and b.rule = c.rule
      group by c.id, c.rule
    )`;
}

/** The situation an outcome row (alias `o`, possibly null from a left join) stands for. */
export const outcomeSituation = sql.raw(`(case when o.ids is null then 'no_match'
  when cardinality(o.ids) = 1 then 'exact_match' else 'multiple_matches' end)::situation`);

/**
 * Recomputes candidates and situations of an application's accounts in one statement.
 * Accounts an admin linked (`manually_linked`) or ignored are left alone; an account an admin
 * settled otherwise keeps its link but its candidates are refreshed. Only rows whose outcome
 * changed are written, so re-running it over unchanged data writes nothing.
 * `scope` narrows it to some accounts (ids, or a condition on `a`). Returns the number of accounts changed.
 */
export async function rematchApplication(
  tx: Executor,
  applicationId: string,
  rules: readonly MatchingRule[],
  scope?: readonly string[] | SQL,
): Promise<number> {
  const narrow = !scope ? sql`` : Array.isArray(scope) ? sql`and a.id = any(${sql.param(scope)}::uuid[])` : sql`and ${scope as SQL}`;
  const { rowCount } = await run(
    tx,
    sql`with target as (
          select a.id, a.norm_email, a.norm_username, a.norm_employee_id, a.norm_display_name,
                 a.settled, a.link_status, a.linked_identity_id
          from accounts a
          where a.application_id = ${applicationId} and a.status = 'active'
            and a.situation <> 'manually_linked' and a.link_status <> 'ignored' ${narrow}
        ),
        ${matchOutcomeCtes(rules)},
        decided as (
          select t.id, coalesce(o.ids, '{}'::uuid[]) as ids, o.rule, ${outcomeSituation} as situation,
                 (case when t.settled then t.link_status
                       when cardinality(o.ids) = 1 then 'needs_confirmation'
                       else 'unlinked' end)::link_status as link_status,
                 case when t.settled then t.linked_identity_id
                      when cardinality(o.ids) = 1 then o.ids[1]
                      else null end as linked_identity_id
          from target t left join outcome o on o.id = t.id
        )
        update accounts a
        set candidate_ids = d.ids, matched_rule = d.rule, situation = d.situation,
            link_status = d.link_status, linked_identity_id = d.linked_identity_id,
            version = a.version + 1, updated_at = now()
        from decided d
        where a.id = d.id
          and (a.candidate_ids is distinct from d.ids or a.matched_rule is distinct from d.rule
               or a.situation is distinct from d.situation or a.link_status is distinct from d.link_status
               or a.linked_identity_id is distinct from d.linked_identity_id)`,
  );
  return rowCount;
}

/** After identities changed, every target application's matching is brought up to date. */
export async function rematchTargets(tx: Executor): Promise<number> {
  const { rows } = await run<{ id: string; matching_rules: MatchingRule[] }>(
    tx,
    sql`select id, matching_rules from applications where role = 'target' order by id`,
  );
  let changed = 0;
  for (const app of rows) changed += await rematchApplication(tx, app.id, app.matching_rules);
  return changed;
}

/** An identity's normalised compared values before a change (the columns `normColumn` names). */
export type IdentityBefore = {
  id: string;
  norm_email: string;
  norm_username: string;
  norm_employee_id: string;
  norm_display_name: string;
};

/**
 * After some identities were created or changed, re-matches only the target accounts whose outcome
 * may have changed, per application: those whose compared value equals an identity's new value (or
 * its value `before`, when known), plus the accounts linked to it or holding it as a candidate.
 * An identity listed in `before` counts only for the rules whose identity attribute changed, so a
 * change no rule compares re-matches nothing; one without `before` (created, or old values unknown)
 * counts for every rule. Identity status is not part of matching (matchOutcomeCtes), so blocking or
 * unblocking alone needs no re-match.
 */
export async function rematchForIdentities(
  tx: Executor,
  identityIds: readonly string[],
  before: readonly IdentityBefore[] = [],
): Promise<number> {
  if (identityIds.length === 0) return 0;
  // A target without active accounts has nothing to re-match (a first HR load often comes before any target's).
  const { rows: apps } = await run<{ id: string; matching_rules: MatchingRule[] }>(
    tx,
    sql`select ap.id, ap.matching_rules from applications ap
        where ap.role = 'target' and exists (select 1 from accounts a where a.application_id = ap.id and a.status = 'active')
        order by ap.id`,
  );
  let changed = 0;
  for (const app of apps) {
    const ids = await accountsToRematch(tx, app.id, app.matching_rules, identityIds, before);
    if (ids.length > 0) changed += await rematchApplication(tx, app.id, app.matching_rules, ids);
  }
  return changed;
}

/** Up to this many identities, accountsToRematch compares candidate lists with them directly. */
const FEW_IDENTITIES = 64;

/** The accounts of one target application that rematchForIdentities re-matches, in one scan of them (two for many identities). */
async function accountsToRematch(
  tx: Executor,
  applicationId: string,
  rules: readonly MatchingRule[],
  identityIds: readonly string[],
  before: readonly IdentityBefore[],
): Promise<string[]> {
  if (rules.length === 0) return [];
  const col = (alias: string, attribute: MatchAttribute) => sql.raw(`${alias}.${normColumn[attribute]}`);
  // An identity counts for a rule when its old values are unknown or that rule's attribute changed.
  const counts = (attribute: MatchAttribute) => sql`(b.id is null or ${col('b', attribute)} is distinct from ${col('i', attribute)})`;
  // Per rule: the account's value is one of the identity's new or old values of the compared attribute.
  const perRule = rules.map(
    (rule) => sql`${col('a', rule.account)} in (
      select v from changed i left join prior b on b.id = i.id, lateral (values (${col('i', rule.identity)}), (${col('b', rule.identity)})) k(v)
      where v <> '' and ${counts(rule.identity)})`,
  );
  const relevant = sql.join([...new Set(rules.map((rule) => rule.identity))].map(counts), sql` or `);
  const column = (key: keyof IdentityBefore) => sql.param(before.map((b) => b[key]));
  // An account that lists one of them among its candidates. `&&` compares every candidate with every
  // identity (3,400 new users against 100,000 accounts: 2 s); beyond a few identities, a hash join of
  // the unnested candidates against them, in a scan of its own, costs a tenth of that.
  const few = identityIds.length <= FEW_IDENTITIES;
  const { rows } = await run<{ id: string }>(
    tx,
    sql`with changed as (select * from identities where id = any(${sql.param(identityIds)}::uuid[])),
        prior as (
          select * from unnest(${column('id')}::uuid[], ${column('norm_email')}::text[], ${column('norm_username')}::text[],
                               ${column('norm_employee_id')}::text[], ${column('norm_display_name')}::text[])
                   as b(id, norm_email, norm_username, norm_employee_id, norm_display_name)
        ),
        relevant as (select i.id from changed i left join prior b on b.id = i.id where ${relevant})
        select a.id from accounts a
        where exists (select 1 from relevant) and a.application_id = ${applicationId} and a.status = 'active'
          and (${sql.join(perRule, sql` or `)}
               or a.linked_identity_id in (select id from relevant)
               ${few ? sql`or a.candidate_ids && array(select id from relevant)` : sql``})
        ${
          few
            ? sql``
            : sql`union
                  select a.id from accounts a cross join lateral unnest(a.candidate_ids) c(id)
                  where a.application_id = ${applicationId} and a.status = 'active' and c.id in (select id from relevant)`
        }`,
  );
  return rows.map((row) => row.id);
}
