import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { normalisedColumn as norm } from '@/db/schema/identities';
import { run } from '@/db/sql';
import type { MatchingRule } from '@/lib/matching/rules';
import { matchOutcomeCtes, outcomeSituation, targetNormColumns } from '../matching';
import { AccountsChangedSinceRead, fingerprintOf, notRepeatedBy } from './known-accounts';

/** The account's attributes as one JSON object, for field-level before/after in import_changes. */
export const accountJson = (alias: string) =>
  sql.raw(
    `jsonb_build_object('username', ${alias}.username, 'email', ${alias}.email, 'displayName', ${alias}.display_name,
      'givenName', ${alias}.given_name, 'familyName', ${alias}.family_name, 'employeeId', ${alias}.employee_id,
      'groups', to_jsonb(${alias}.groups)) || coalesce(${alias}.attributes, '{}'::jsonb)`,
  );

/**
 * The accounts an applied import added, with what was received for each (the account's first values),
 * as rows (account_id, key, row, after). Adds are not written to import_changes: at 100,000 accounts
 * those rows cost more than the accounts themselves, and the account first seen in the import plus its
 * staged row say the same. Imports recorded before that still have their add rows, which stand instead.
 */
export function addedAccounts(importId: string): SQL {
  return sql`select a.id as account_id, a.key, r.row, ${accountJson('r')} as after
             from import_rows r
             join imports i on i.id = r.import_id and i.status in ('succeeded', 'partial')
             join accounts a on a.application_id = i.application_id and a.key = r.key and a.first_seen_import_id = r.import_id
             where r.import_id = ${importId}
               and not exists (select 1 from import_changes c where c.import_id = ${importId} and c.kind = 'add')`;
}

/** The same for one account: its add, as an account history entry (id 0: it precedes every recorded change). */
export function accountAddedChange(accountId: string): SQL {
  return sql`select 0::bigint as id, i.id as "importId", coalesce(i.started_at, i.created_at) as at, 'add' as kind, null::jsonb as before,
                    ${accountJson('r')} as after
             from accounts a
             join imports i on i.id = a.first_seen_import_id and i.status in ('succeeded', 'partial')
             join import_rows r on r.import_id = i.id and r.key = a.key
             where a.id = ${accountId}
               and not exists (select 1 from import_changes c where c.import_id = i.id and c.kind = 'add')`;
}

/** The log line of a row ignored because it repeats an earlier row's username (the same words as dropDuplicateRows writes). */
export const duplicateMessage = (row: number, key: string, firstRow: number) => `Row ${row}: username "${key}" repeats row ${firstRow}; this row was ignored.`;

/** A row repeating an earlier row's username is ignored and logged with both row numbers. */
export async function dropDuplicateRows(tx: Executor, importId: string): Promise<number> {
  const { rows } = await run<{ n: number }>(
    tx,
    sql`with repeated as (
          -- one hashed pass over the feed finds the few repeated usernames; only their rows are touched
          select key, min(row) as first_row from import_rows where import_id = ${importId} group by key having count(*) > 1
        ),
        dropped as (
          delete from import_rows s using repeated r
          where s.import_id = ${importId} and s.key = r.key and s.row <> r.first_row
          returning s.row, r.key, r.first_row
        ),
        logged as (
          insert into import_logs (import_id, row, field, level, message)
          select ${importId}, row, 'username', 'error',
                 format('Row %s: username "%s" repeats row %s; this row was ignored.', row, key, first_row)
          from dropped returning 1
        )
        select count(*)::int as n from logged`,
  );
  return rows[0]?.n ?? 0;
}

export type AccountDiff = { added: number; updated: number; restored: number; removed: number };

type DiffApplication = { id: string; role: 'source' | 'target'; matchingRules: MatchingRule[] };

/**
 * How a new account is linked as it is inserted, so that each new row is written once:
 * a source's account links to the identity it created (createSourceIdentities ran first);
 * a target's account gets its match outcome from the matching CTEs over the new rows.
 */
function newAccountLinks(app: DiffApplication): { ctes: SQL; join: SQL; columns: SQL } {
  if (app.role === 'source') {
    return {
      ctes: sql``,
      join: sql`left join identities i on i.norm_username = ${norm('f.username')} and i.norm_username <> '' and i.source_application_id = ${app.id}`,
      columns: sql`(case when i.id is null then 'no_match' else 'exact_match' end)::situation,
                   (case when i.id is null then 'unlinked' else 'linked' end)::link_status,
                   i.id, case when i.id is null then '{}'::uuid[] else array[i.id] end, null::smallint, i.id is not null`,
    };
  }
  return {
    ctes: sql`target as (
                select f.row as id${app.matchingRules.length > 0 ? sql`, ${targetNormColumns(app.matchingRules, 'f')}` : sql``}
                from fresh f
              ),
              ${matchOutcomeCtes(app.matchingRules)},`,
    join: sql`left join outcome o on o.id = f.row`,
    columns: sql`${outcomeSituation},
                 (case when cardinality(o.ids) = 1 then 'needs_confirmation' else 'unlinked' end)::link_status,
                 case when cardinality(o.ids) = 1 then o.ids[1] end, coalesce(o.ids, '{}'::uuid[]), o.rule, false`,
  };
}

/**
 * Diffs the staged feed against the application's accounts and applies it, set-based: one join
 * classifies every key that changes (into a temporary table dropped at commit), then one statement
 * each for added, updated + restored, and removed runs over those keys only, and not at all when
 * there are none — an unchanged feed costs that single join. Updates, restores and removals record
 * their before and after in import_changes; adds do not (see addedAccounts).
 */
export async function applyAccountDiff(tx: Executor, app: DiffApplication, importId: string, repeatsEveryAccount = false): Promise<AccountDiff> {
  // A feed that staged no row and repeated every account it was read against changes nothing, if the
  // accounts are still those: no join needed.
  const pending = repeatsEveryAccount ? await nothingPending(tx, app.id, importId) : await classifyChanges(tx, app.id, importId);
  const links = newAccountLinks(app);
  // The leading comments name each statement in pg_stat_activity and server logs.
  const added = pending.add === 0 ? { rows: [{ n: 0 }] } : await run<{ n: number }>(
    tx,
    sql`/* concord:apply:add */ with fresh as (
          select s.* from import_rows s join import_diff d on d.kind = 'add' and d.key = s.key
          where s.import_id = ${importId}
        ),
        ${links.ctes}
        ins as (
          insert into accounts (application_id, key, username, email, display_name, given_name, family_name, employee_id,
                                groups, attributes, attr_hash, first_seen_import_id, last_changed_import_id,
                                situation, link_status, linked_identity_id, candidate_ids, matched_rule, settled)
          select ${app.id}, f.key, f.username, f.email, f.display_name, f.given_name, f.family_name, f.employee_id,
                 f.groups, f.attributes, f.attr_hash, ${importId}, ${importId}, ${links.columns}
          from fresh f ${links.join}
          returning 1
        )
        select count(*)::int as n from ins`,
  );
  const changed = pending.change === 0 ? { rows: [{ updated: 0, restored: 0 }] } : await run<{ updated: number; restored: number }>(
    tx,
    sql`/* concord:apply:update */ with old as (
          select a.id, a.status as old_status, ${accountJson('a')} as before, s.username, s.email, s.display_name,
                 s.given_name, s.family_name, s.employee_id, s.groups, s.attributes, s.attr_hash
          from import_diff d join accounts a on a.id = d.account_id join import_rows s on s.import_id = ${importId} and s.key = a.key
          where d.kind = 'change'
        ),
        upd as (
          update accounts a
          set username = o.username, email = o.email, display_name = o.display_name, given_name = o.given_name,
              family_name = o.family_name, employee_id = o.employee_id, groups = o.groups, attributes = o.attributes,
              attr_hash = o.attr_hash, status = 'active', last_changed_import_id = ${importId},
              version = a.version + 1, updated_at = now()
          from old o where a.id = o.id
          returning a.id, a.key, o.old_status, o.before, ${accountJson('a')} as after
        ),
        chg as (
          insert into import_changes (import_id, account_id, key, kind, before, after)
          select ${importId}, id, key, (case when old_status = 'removed' then 'restore' else 'update' end)::change_kind, before, after
          from upd returning kind
        )
        select count(*) filter (where kind = 'update')::int as updated, count(*) filter (where kind = 'restore')::int as restored from chg`,
  );

  const removed = pending.remove === 0 ? { rows: [{ n: 0 }] } : await run<{ n: number }>(
    tx,
    sql`/* concord:apply:remove */ with rem as (
          update accounts a set status = 'removed', last_changed_import_id = ${importId}, version = a.version + 1, updated_at = now()
          from import_diff d
          where d.kind = 'remove' and a.id = d.account_id
          returning a.id, a.key, ${accountJson('a')} as before
        ),
        chg as (
          insert into import_changes (import_id, account_id, key, kind, before, after)
          select ${importId}, id, key, 'remove', before, null from rem returning 1
        )
        select count(*)::int as n from chg`,
  );

  return {
    added: added.rows[0]?.n ?? 0,
    updated: changed.rows[0]?.updated ?? 0,
    restored: changed.rows[0]?.restored ?? 0,
    removed: removed.rows[0]?.n ?? 0,
  };
}

type PendingChanges = { add: number; change: number; remove: number };

async function nothingPending(tx: Executor, applicationId: string, importId: string): Promise<PendingChanges> {
  await assertAccountsAsRead(tx, applicationId, importId);
  return { add: 0, change: 0, remove: 0 };
}

/**
 * The feed's unchanged rows were recognised against the accounts as they were when it was read
 * (./known-accounts); under the application's lock they must still be so, or the feed cannot be
 * applied as read: an import applied meanwhile changed them.
 */
async function assertAccountsAsRead(tx: Executor, applicationId: string, importId: string): Promise<void> {
  const { rows } = await run<{ asRead: string | null; now: string }>(
    tx,
    sql`select (select known_fingerprint from imports where id = ${importId}) as "asRead", ${fingerprintOf('a')} as now
        from accounts a where a.application_id = ${applicationId} and a.status = 'active'`,
  );
  const { asRead, now } = rows[0]!;
  if (asRead !== null && asRead !== now) throw new AccountsChangedSinceRead();
}

/**
 * The one join of the diff: every key that the feed adds, changes (other attributes, or restored
 * from removed) or whose active account it no longer lists, into import_diff(key, account_id, kind).
 * An active account the feed does not list is removed only if no row repeated it unchanged (those
 * rows were not staged): its digest is among the import's unrepeated digests.
 */
async function classifyChanges(tx: Executor, applicationId: string, importId: string): Promise<PendingChanges> {
  await assertAccountsAsRead(tx, applicationId, importId);
  await run(
    tx,
    sql`/* concord:apply:classify */ create temporary table import_diff on commit drop as
        select coalesce(s.key, a.key) as key, a.id as account_id,
               case when a.id is null then 'add' when s.key is null then 'remove' else 'change' end as kind
        from (select key, attr_hash from import_rows where import_id = ${importId}) s
        full join (select id, key, attr_hash, status from accounts where application_id = ${applicationId}) a on a.key = s.key
        where a.id is null
           or (s.key is null and a.status = 'active' and ${notRepeatedBy(importId, 'a')})
           or (s.key is not null and (a.attr_hash <> s.attr_hash or a.status = 'removed'))`,
  );
  const { rows } = await run<{ kind: keyof PendingChanges; n: number }>(tx, sql`select kind, count(*)::int as n from import_diff group by kind`);
  const pending: PendingChanges = { add: 0, change: 0, remove: 0 };
  for (const row of rows) pending[row.kind] = row.n;
  if (pending.add + pending.change + pending.remove > 1000) await run(tx, sql`analyze import_diff`);
  return pending;
}
