import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';

/** The account's attributes as one JSON object, for field-level before/after in import_changes. */
const accountJson = (alias: string) =>
  sql.raw(
    `jsonb_build_object('username', ${alias}.username, 'email', ${alias}.email, 'displayName', ${alias}.display_name,
      'givenName', ${alias}.given_name, 'familyName', ${alias}.family_name, 'employeeId', ${alias}.employee_id,
      'groups', to_jsonb(${alias}.groups)) || coalesce(${alias}.attributes, '{}'::jsonb)`,
  );

/** A row repeating an earlier row's username is ignored and logged with both row numbers. */
export async function dropDuplicateRows(tx: Executor, importId: string): Promise<number> {
  const { rows } = await run<{ n: number }>(
    tx,
    sql`with ranked as (
          select row, key, min(row) over (partition by key) as first_row from import_rows where import_id = ${importId}
        ),
        dropped as (
          delete from import_rows s using ranked r
          where s.import_id = ${importId} and s.row = r.row and r.row <> r.first_row
          returning r.row, r.key, r.first_row
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

/**
 * Diffs the staged feed against the application's accounts and applies it, set-based: one statement
 * each for added, updated + restored, and removed, each recording its per-account changes.
 */
export async function applyAccountDiff(tx: Executor, applicationId: string, importId: string): Promise<AccountDiff> {
  const added = await run<{ n: number }>(
    tx,
    sql`with ins as (
          insert into accounts (application_id, key, username, email, display_name, given_name, family_name, employee_id,
                                groups, attributes, attr_hash, first_seen_import_id, last_changed_import_id)
          select ${applicationId}, s.key, s.username, s.email, s.display_name, s.given_name, s.family_name, s.employee_id,
                 s.groups, s.attributes, s.attr_hash, ${importId}, ${importId}
          from import_rows s
          where s.import_id = ${importId}
            and not exists (select 1 from accounts a where a.application_id = ${applicationId} and a.key = s.key)
          returning id, key, ${accountJson('accounts')} as after
        ),
        chg as (
          insert into import_changes (import_id, account_id, key, kind, before, after)
          select ${importId}, id, key, 'add', null, after from ins returning 1
        )
        select count(*)::int as n from chg`,
  );

  const changed = await run<{ updated: number; restored: number }>(
    tx,
    sql`with old as (
          select a.id, a.status as old_status, ${accountJson('a')} as before, s.username, s.email, s.display_name,
                 s.given_name, s.family_name, s.employee_id, s.groups, s.attributes, s.attr_hash
          from accounts a join import_rows s on s.import_id = ${importId} and s.key = a.key
          where a.application_id = ${applicationId} and (a.attr_hash <> s.attr_hash or a.status = 'removed')
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

  const removed = await run<{ n: number }>(
    tx,
    sql`with rem as (
          update accounts a set status = 'removed', last_changed_import_id = ${importId}, version = a.version + 1, updated_at = now()
          where a.application_id = ${applicationId} and a.status = 'active'
            and not exists (select 1 from import_rows s where s.import_id = ${importId} and s.key = a.key)
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
