import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { normalisedColumn as norm } from '@/db/schema/identities';
import { run } from '@/db/sql';
import type { LeaverRule } from '@/lib/feeds/mapping';
import type { IdentityBefore } from '../matching';

export type IdentityChanges = {
  created: number;
  updated: number;
  blocked: number;
  unblocked: number;
  conflicts: number;
  /** The updated identities' compared values before the update, for the targets' re-match. */
  updatedBefore: IdentityBefore[];
};

/** The source's leaver rule (its mapping's `leavers`), if it has one: read once per import, for both steps below. */
export async function leaverRule(tx: Executor, applicationId: string): Promise<LeaverRule | null> {
  const { rows } = await run<{ rule: LeaverRule | null }>(tx, sql`select mapping -> 'leavers' as rule from applications where id = ${applicationId}`);
  return rows[0]?.rule ?? null;
}

/** Whether the attributes (jsonb: an account's, a staged row's, or an import change's before/after) say "leaver". */
export function isLeaver(rule: LeaverRule | null, attributes: SQL): SQL {
  if (!rule) return sql`false`;
  const values = rule.values.map((value) => value.trim().toLowerCase());
  return sql`coalesce(lower(btrim(${attributes} ->> ${rule.attribute}::text)) = any(${sql.param(values)}::text[]), false)`;
}

/**
 * A source application creates, updates, blocks and unblocks identities from its accounts, and
 * only ever changes the identities it created itself (seed 004): an identity made by hand or by
 * another source is never touched; an account that collides with one is logged and left unlinked.
 * Group membership is maintained for the groups the source manages only (recordManagedGroups).
 *
 * Runs before the accounts are written: creates the identities of the feed's new accounts, so that
 * applyAccountDiff inserts each new account already linked (one write per row).
 */
export async function createSourceIdentities(tx: Executor, applicationId: string, importId: string, rule: LeaverRule | null): Promise<string[]> {
  // A leaver's identity is created blocked and past: a target account of someone who already left
  // then matches a blocked identity rather than nobody.
  const leaver = isLeaver(rule, sql`f.attributes`);
  const { rows } = await run<{ id: string }>(
    tx,
    sql`with fresh as (
          select distinct on (${norm('s.username')}) s.*
          from import_rows s
          where s.import_id = ${importId} and ${norm('s.username')} <> ''
            and not exists (select 1 from accounts a where a.application_id = ${applicationId} and a.key = s.key)
          order by ${norm('s.username')}, s.row
        ),
        ins as (
          insert into identities (username, email, display_name, given_name, family_name, employee_id, groups, attributes, source_application_id,
                                  status, lifecycle)
          select f.username, f.email, f.display_name, f.given_name, f.family_name, f.employee_id, f.groups, f.attributes, ${applicationId},
                 (case when ${leaver} then 'blocked' else 'active' end)::identity_status,
                 (case when ${leaver} then 'past' else 'current' end)::identity_lifecycle
          from fresh f
          where not exists (select 1 from identities i where i.norm_username = ${norm('f.username')} and i.norm_username <> '')
          on conflict do nothing
          returning id
        )
        select id from ins`,
  );
  return rows.map((row) => row.id);
}

/** After the accounts are written: identity updates, leavers, returners, and collisions logged. */
export async function syncSourceIdentities(
  tx: Executor,
  applicationId: string,
  importId: string,
  created: number,
  rule: LeaverRule | null,
): Promise<IdentityChanges> {
  // Accounts of this run still unlinked (a restored account that had lost its identity): link them
  // to the identity this source owns, if there is one.
  await run(
    tx,
    sql`update accounts a
        set linked_identity_id = i.id, link_status = 'linked', situation = 'exact_match', settled = true,
            candidate_ids = array[i.id], matched_rule = null, version = a.version + 1, updated_at = now()
        from identities i
        where a.application_id = ${applicationId} and a.last_changed_import_id = ${importId} and a.status = 'active'
          and a.linked_identity_id is null
          and i.norm_username = a.norm_username and i.norm_username <> '' and i.source_application_id = ${applicationId}`,
  );

  // Accounts that collide with an identity this source did not create: logged, never touched.
  const conflicts = await run<{ n: number }>(
    tx,
    sql`with c as (
          insert into import_logs (import_id, row, field, level, message)
          select ${importId}, s.row, 'username', 'warning',
                 format('Row %s: an identity with username "%s" already exists and was not created by this application; it was left unchanged and the account is not linked.', s.row, a.username)
          from accounts a
          join import_rows s on s.import_id = ${importId} and s.key = a.key
          where a.application_id = ${applicationId} and a.status = 'active' and a.linked_identity_id is null
            and a.last_changed_import_id = ${importId}
          returning 1
        )
        select count(*)::int as n from c`,
  );

  await recordManagedGroups(tx, applicationId, importId);

  // Changed accounts update their identity, if this source owns it and the new username is free.
  // Groups: the account's (all managed) first, then the identity's groups this source does not manage.
  const groups = sql`a.groups || array(select g from unnest(i.groups) with ordinality h(g, n) where g <> all(p.managed_groups) order by n)`;
  // `prior` is the identity as it was before this statement (its snapshot), so its old compared values are returned.
  const updated = await run<IdentityBefore>(
    tx,
    sql`update identities i
        set username = a.username, email = a.email, display_name = a.display_name, given_name = a.given_name,
            family_name = a.family_name, employee_id = a.employee_id, groups = ${groups}, attributes = a.attributes,
            version = i.version + 1, updated_at = now()
        from accounts a, applications p, identities prior
        where p.id = ${applicationId} and a.application_id = ${applicationId} and a.last_changed_import_id = ${importId} and a.status = 'active'
          and a.first_seen_import_id is distinct from ${importId}
          and a.linked_identity_id = i.id and i.source_application_id = ${applicationId} and prior.id = i.id
          and (i.username, i.email, i.display_name, i.given_name, i.family_name, i.employee_id, i.groups, i.attributes)
              is distinct from (a.username, a.email, a.display_name, a.given_name, a.family_name, a.employee_id, ${groups}, a.attributes)
          and not exists (select 1 from identities o where o.norm_username = a.norm_username and o.id <> i.id and a.norm_username <> '')
        returning i.id, prior.norm_email, prior.norm_username, prior.norm_employee_id, prior.norm_display_name`,
  );

  // Leavers: blocked and marked past. Returners: unblocked and current again, keeping id, links and groups.
  // A leaver is an account the feed no longer lists, or (with a leaver rule) one it lists as a leaver:
  // every such account is checked, so a rule added to the mapping takes effect at the next feed.
  const blocked = await run(
    tx,
    sql`update identities i set status = 'blocked', lifecycle = 'past', version = i.version + 1, updated_at = now()
        from accounts a
        where a.application_id = ${applicationId} and a.linked_identity_id = i.id and i.source_application_id = ${applicationId} and i.status = 'active'
          and ((a.last_changed_import_id = ${importId} and a.status = 'removed')
               ${rule ? sql`or (a.status = 'active' and ${isLeaver(rule, sql`a.attributes`)})` : sql``})`,
  );
  // A returner came back to the feed (restored), or was listed as a leaver and no longer is.
  const unblocked = await run(
    tx,
    sql`update identities i set status = 'active', lifecycle = 'current', version = i.version + 1, updated_at = now()
        from import_changes c join accounts a on a.id = c.account_id
        where c.import_id = ${importId}
          and (c.kind = 'restore' ${rule ? sql`or (c.kind = 'update' and ${isLeaver(rule, sql`c.before`)} and not ${isLeaver(rule, sql`c.after`)})` : sql``})
          and not ${isLeaver(rule, sql`a.attributes`)}
          and a.linked_identity_id = i.id and i.source_application_id = ${applicationId} and i.status = 'blocked'`,
  );

  return {
    created,
    updated: updated.rowCount,
    blocked: blocked.rowCount,
    unblocked: unblocked.rowCount,
    conflicts: conflicts.rows[0]?.n ?? 0,
    updatedBefore: updated.rows,
  };
}

/**
 * The groups a source manages are every group its feeds have listed (seed 004: "group membership is
 * maintained for the groups the feed manages"). A group stays managed once listed: a feed that stops
 * listing it takes it away from the identities that had it, rather than leaving stale members behind.
 */
async function recordManagedGroups(tx: Executor, applicationId: string, importId: string): Promise<void> {
  await run(
    tx,
    sql`with listed as (select array(select distinct g from import_rows s, unnest(s.groups) g where s.import_id = ${importId}) as groups)
        update applications p
        set managed_groups = array(select unnest(p.managed_groups) union select unnest(l.groups) order by 1)
        from listed l
        where p.id = ${applicationId} and not (l.groups <@ p.managed_groups)`,
  );
}
