import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { normalisedColumn as norm } from '@/db/schema/identities';
import { run } from '@/db/sql';
import { linkStatuses, situations } from '@/lib/enums';
import { catchFailure, parseOrThrow, type Result } from '@/lib/errors';
import { authorizeForApplication } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { evaluateEntitlements } from './entitlements';
import { rematchForIdentities } from './matching';
import { facetCondition, searchCondition } from './reconciliation';

/**
 * The accounts a bulk action acts on: those an admin ticked, or every account within the table's
 * search and filters. Either way the action acts only on those that are still in the state it needs
 * when it runs (others may have acted in between), and says how many that was.
 */
export const accountSelectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ids'),
    ids: z.array(z.uuid('Not an account id.')).min(1, 'Choose at least one account.').max(10_000, 'At most 10,000 at once: use the filters instead.'),
  }),
  z.object({
    kind: z.literal('filter'),
    q: z.string().max(200),
    situation: z.array(z.enum(situations)).max(situations.length),
    status: z.array(z.enum(linkStatuses)).max(linkStatuses.length),
  }),
]);
export type AccountSelection = z.infer<typeof accountSelectionSchema>;

/** The selection as a condition on accounts `a` of one application (active ones only). */
function selected(applicationId: string, selection: AccountSelection): SQL {
  const scope = sql`a.application_id = ${applicationId} and a.status = 'active'`;
  return selection.kind === 'ids'
    ? sql`${scope} and a.id = any(${sql.param(selection.ids)}::uuid[])`
    : sql`${scope} and ${searchCondition(selection.q)} and ${facetCondition(selection)}`;
}

/** How the audit log names the selection a bulk action acted on. */
function describeSelection(selection: AccountSelection): string {
  if (selection.kind === 'ids') return ` among ${selection.ids.length.toLocaleString('en-US')} selected`;
  return selection.q ? ` matching "${selection.q}"` : '';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export type ConfirmOutcome = { confirmed: number; selected: number };

/**
 * Confirms every proposed exact match in the selection, in one statement, with an audit entry per
 * account (its history says who confirmed it) beside one for the whole action.
 */
export async function confirmExactMatches(ctx: DataContext, applicationId: string, input: AccountSelection): Promise<Result<ConfirmOutcome>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const selection = parseOrThrow(accountSelectionSchema, input, 'selection');
      const who = await authorizeForApplication(tx, ctx.actor, applicationId, 'admin');
      const { rows } = await run<{ confirmed: number }>(
        tx,
        sql`with confirmed as (
              update accounts a set link_status = 'linked', situation = 'manually_linked', settled = true,
                     version = a.version + 1, updated_at = now()
              where ${selected(applicationId, selection)}
                and a.situation = 'exact_match' and a.link_status = 'needs_confirmation' and a.linked_identity_id is not null
              returning a.id, a.label, a.linked_identity_id
            ),
            audited as (
              insert into audit_entries (actor, action, application_id, subject_type, subject_id, summary, before, after)
              select ${who.label}, 'account.confirm', ${applicationId}::uuid, 'account', c.id,
                     'Confirmed link to ' || coalesce(i.display_name, i.email, i.username, i.id::text) || ' (account ' || c.label || ', in bulk)',
                     jsonb_build_object('situation', 'exact_match', 'linkStatus', 'needs_confirmation', 'linkedIdentityId', c.linked_identity_id),
                     jsonb_build_object('situation', 'manually_linked', 'linkStatus', 'linked', 'linkedIdentityId', c.linked_identity_id)
              from confirmed c left join identities i on i.id = c.linked_identity_id
            )
            select count(*)::int as confirmed from confirmed`,
      );
      const confirmed = rows[0]!.confirmed;
      await writeAudit(tx, {
        actor: who.label,
        action: 'account.confirm_all',
        applicationId,
        subjectType: 'application',
        subjectId: applicationId,
        summary: `Confirmed ${plural(confirmed, 'exact match', 'exact matches')}${describeSelection(selection)}`,
        after: { confirmed, selection: selection.kind === 'ids' ? { accounts: selection.ids.length } : selection },
      });
      return { confirmed, selected: selection.kind === 'ids' ? selection.ids.length : confirmed };
    }),
  );
}

export type CreateUsersOutcome = {
  /** users created, each linked to the account it was made from */
  created: number;
  /** unmatched accounts in the selection when the action ran */
  unmatched: number;
  /** accounts whose username a user already has (or an account before them in the selection) */
  usernameTaken: number;
  /** accounts a user cannot be made from: a value longer than a user may have, or no username */
  invalid: number;
  /** a few accounts whose username was taken, by label, for the message */
  takenExamples: string[];
};

/**
 * "Create users for all unmatched": each unmatched, unlinked account in the selection gets a new user
 * made from its own values (username, else key; e-mail when it is an address; names; employee id)
 * and is linked to it, as "Create new user and link" does for one account. Set-based: one statement
 * locks the accounts, judges them and creates the users; a second links each account to its user,
 * with an audit entry for each user and each account. An account whose username a user already has is left alone (assign that user instead);
 * of several with one username, the first by label gets the user. The new users may match other
 * accounts: those are re-matched, and entitlement rules on attributes apply to the new users at once.
 */
export async function createUsersForUnmatched(ctx: DataContext, applicationId: string, input: AccountSelection): Promise<Result<CreateUsersOutcome>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const selection = parseOrThrow(accountSelectionSchema, input, 'selection');
      const who = await authorizeForApplication(tx, ctx.actor, applicationId, 'admin');
      // 1. Lock the unmatched accounts, judge each, and create the users (their ids chosen here, so
      //    that each account knows its user without joining the new rows back by username).
      const { rows } = await run<{ accountId: string; identityId: string; kind: 'created' | 'taken' | 'invalid'; label: string }>(
        tx,
        sql`with locked as materialized (
              select a.id, a.label, a.key, a.username, a.email, a.display_name, a.given_name, a.family_name, a.employee_id
              from accounts a
              where ${selected(applicationId, selection)} and a.situation = 'no_match' and a.link_status = 'unlinked'
              for update
            ),
            proposed as (
              select l.id as account_id, l.label, v.*,
                     ${norm('v.username')} as norm_username,
                     row_number() over (partition by ${norm('v.username')} order by lower(l.label) collate "C", l.id) as nth
              from locked l cross join lateral (
                select btrim(coalesce(nullif(btrim(l.username), ''), l.key)) as username,
                       (case when btrim(l.email) ~ '^[^\\s@]+@[^\\s@]+$' and length(btrim(l.email)) <= 320 then btrim(l.email) end) as email,
                       nullif(btrim(l.display_name), '') as display_name, nullif(btrim(l.given_name), '') as given_name,
                       nullif(btrim(l.family_name), '') as family_name, nullif(btrim(l.employee_id), '') as employee_id
              ) v
            ),
            judged as materialized (
              select p.*, gen_random_uuid() as identity_id,
                     (case when p.username = '' or length(p.username) > 200 or length(p.display_name) > 200 or length(p.given_name) > 100
                                or length(p.family_name) > 100 or length(p.employee_id) > 100 then 'invalid'
                           when p.nth > 1 or exists (select 1 from identities i where i.norm_username = p.norm_username) then 'taken'
                           else 'fresh' end) as verdict
              from proposed p
            ),
            created as (
              insert into identities (id, username, email, display_name, given_name, family_name, employee_id)
              select j.identity_id, j.username, j.email, j.display_name, j.given_name, j.family_name, j.employee_id from judged j where j.verdict = 'fresh'
              -- a user created meanwhile by someone else with one of these usernames: that account is left alone
              on conflict do nothing
              returning id
            )
            select j.account_id as "accountId", j.identity_id as "identityId", j.label,
                   (case when j.verdict = 'invalid' then 'invalid' when j.verdict = 'fresh' and j.identity_id in (select id from created) then 'created'
                         else 'taken' end) as kind
            from judged j
            order by kind, lower(j.label) collate "C", j.account_id`,
      );
      const made = rows.filter((r) => r.kind === 'created');
      const createdIds = made.map((r) => r.identityId);
      // 2. Link each account to its user, with an audit entry for each user and each account.
      if (made.length > 0) {
        await run(
          tx,
          sql`with pairs as (
                select * from unnest(${sql.param(made.map((r) => r.accountId))}::uuid[], ${sql.param(createdIds)}::uuid[]) as p(account_id, identity_id)
              ),
              linked as (
                update accounts a set linked_identity_id = p.identity_id, link_status = 'linked', situation = 'manually_linked', settled = true,
                       version = a.version + 1, updated_at = now()
                from pairs p where a.id = p.account_id
                returning a.id, a.label, p.identity_id
              ),
              users as (
                select i.id, coalesce(i.display_name, i.email, i.username) as label,
                       jsonb_build_object('username', i.username, 'email', i.email, 'displayName', i.display_name, 'givenName', i.given_name,
                                          'familyName', i.family_name, 'employeeId', i.employee_id) as vals
                from identities i where i.id in (select identity_id from pairs)
              )
              insert into audit_entries (actor, action, application_id, subject_type, subject_id, summary, before, after)
              select ${who.label}, 'identity.create', ${applicationId}::uuid, 'identity', u.id, 'Created user ' || u.label, null::jsonb, u.vals from users u
              union all
              select ${who.label}, 'account.create_and_link', ${applicationId}::uuid, 'account', l.id,
                     'Created user ' || u.label || ' and linked (account ' || l.label || ', in bulk)',
                     jsonb_build_object('situation', 'no_match', 'linkStatus', 'unlinked', 'linkedIdentityId', null),
                     jsonb_build_object('situation', 'manually_linked', 'linkStatus', 'linked', 'linkedIdentityId', l.identity_id)
              from linked l join users u on u.id = l.identity_id`,
        );
      }
      const taken = rows.filter((r) => r.kind === 'taken');
      const outcome: CreateUsersOutcome = {
        created: made.length,
        unmatched: rows.length,
        usernameTaken: taken.length,
        invalid: rows.filter((r) => r.kind === 'invalid').length,
        takenExamples: taken.slice(0, 3).map((r) => r.label),
      };
      if (createdIds.length > 0) {
        // Rules on an attribute alone may apply to the new users; other accounts may match them now.
        await evaluateEntitlements(tx, { kind: 'identities', identityIds: createdIds });
        await rematchForIdentities(tx, createdIds);
      }
      await writeAudit(tx, {
        actor: who.label,
        action: 'account.create_users_all',
        applicationId,
        subjectType: 'application',
        subjectId: applicationId,
        summary: `Created ${plural(outcome.created, 'user')} for unmatched accounts${describeSelection(selection)}`,
        after: { ...outcome, takenExamples: undefined, selection: selection.kind === 'ids' ? { accounts: selection.ids.length } : selection },
      });
      return outcome;
    }),
  );
}
