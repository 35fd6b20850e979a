import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { authorizeForApplication } from '../actor';
import type { DataContext } from '../context';
import { accountJson } from './apply';
import { notRepeatedBy } from './known-accounts';
import { isLeaver, leaverRule } from './source-identities';
import type { StagedFeed } from './stage-feed';
import type { LeaverRule } from '@/lib/feeds/mapping';

export type PlannedCounts = {
  added: number;
  updated: number;
  restored: number;
  removed: number;
  /** a source's active accounts the feed lists as leavers (its mapping's rule) whose users it would block */
  leaving: number;
  active: number;
};

type ReadRows = Pick<StagedFeed, 'rowsTotal' | 'rowsRejected' | 'rowsIgnored' | 'read'>;

/** The rows of a feed that can be applied: read, less those rejected and those ignored as duplicates. */
export const validRows = (staged: ReadRows): number => staged.rowsTotal - staged.rowsRejected - staged.rowsIgnored;

/** What applying a staged feed would do, and why the safeguard would hold it (null: it would not). */
export async function weighSafeguard(
  db: Executor,
  app: { id: string; role: 'source' | 'target'; safeguardThreshold: number },
  importId: string,
  staged: ReadRows,
): Promise<{ plan: PlannedCounts; reason: string | null }> {
  const plan = await planStaged(db, app, importId, staged);
  return { plan, reason: safeguardReason(plan, validRows(staged), app.safeguardThreshold) };
}

/**
 * What applying a feed just read would do: with no row staged, every account it repeated stays and
 * every other is removed, no join needed (the fingerprint is checked when it is applied); otherwise planCounts.
 */
async function planStaged(db: Executor, app: { id: string; role: 'source' | 'target' }, importId: string, staged: ReadRows): Promise<PlannedCounts> {
  const read = staged.read;
  const rule = app.role === 'source' ? await leaverRule(db, app.id) : null;
  if (read && read.rowsStaged === 0) {
    const leaving = rule ? await leaversRepeated(db, app.id, importId, rule) : 0;
    return { added: 0, updated: 0, restored: 0, removed: read.accountsUnrepeated, leaving, active: read.accountsKnown };
  }
  return planCounts(db, app.id, importId, rule);
}

/** A leaver whose user this source made and has not blocked yet (syncSourceIdentities blocks it): whose user is active and of this source. */
const userNotBlockedYet = (applicationId: string) =>
  sql`exists (select 1 from identities i where i.id = a.linked_identity_id and i.status = 'active' and i.source_application_id = ${applicationId})`;

/**
 * With no row staged, the leavers are the active accounts the feed repeats unchanged whose own
 * attributes the rule reads as a leaver's (a rule added or widened since their rows last changed).
 */
async function leaversRepeated(db: Executor, applicationId: string, importId: string, rule: LeaverRule): Promise<number> {
  const { rows } = await run<{ n: number }>(
    db,
    sql`select count(*)::int as n from accounts a
        where a.application_id = ${applicationId} and a.status = 'active' and ${isLeaver(rule, sql`a.attributes`)}
          and ${userNotBlockedYet(applicationId)} and not ${notRepeatedBy(importId, 'a')}`,
  );
  return rows[0]!.n;
}

/** What applying the staged feed would do, counted in one read-only statement: one join of the feed and the accounts. */
async function planCounts(db: Executor, applicationId: string, importId: string, rule: LeaverRule | null): Promise<PlannedCounts> {
  // An active account the feed lists as a leaver, whose user is not blocked yet: by its staged row, or,
  // when the feed repeats it unchanged (not staged), by its own attributes, as leaversRepeated.
  const leaving = rule
    ? sql`count(*) filter (where a.status = 'active'
            and (case when s.key is not null then ${isLeaver(rule, sql`s.attributes`)}
                      else ${isLeaver(rule, sql`a.attributes`)} and not ${notRepeatedBy(importId, 'a')} end)
            and ${userNotBlockedYet(applicationId)})::int`
    : sql`0`;
  const { rows } = await run<PlannedCounts>(
    db,
    sql`select count(*) filter (where a.id is null)::int as added,
               count(*) filter (where s.key is not null and a.status = 'active' and a.attr_hash <> s.attr_hash)::int as updated,
               count(*) filter (where s.key is not null and a.status = 'removed')::int as restored,
               count(*) filter (where s.key is null and a.status = 'active' and ${notRepeatedBy(importId, 'a')})::int as removed,
               ${leaving} as leaving,
               count(*) filter (where a.status = 'active')::int as active
        from (select key, attr_hash${rule ? sql`, attributes` : sql``} from import_rows where import_id = ${importId}) s
        full join (select id, key, attr_hash, status, linked_identity_id${rule ? sql`, attributes` : sql``} from accounts where application_id = ${applicationId}) a on a.key = s.key`,
  );
  return rows[0]!;
}

/**
 * The safeguard: an empty or truncated feed must never deprovision a company. A feed that would take
 * more than the application's threshold share of its active accounts away (removed, or for a source
 * marked as leavers: either blocks their users), or that has no valid row while the application has
 * accounts, is held until an admin overrides it.
 */
function safeguardReason(plan: PlannedCounts, valid: number, threshold: number): string | null {
  const departing = plan.removed + plan.leaving;
  if (plan.active === 0 || departing === 0) return null;
  const format = (n: number) => n.toLocaleString('en-US');
  if (valid === 0) {
    return `The feed has no valid rows: applying it would remove all ${format(plan.active)} accounts of this application.`;
  }
  const share = departing / plan.active;
  if (share <= threshold) return null;
  const percent = `(${Math.round(share * 100)} %), more than the ${Math.round(threshold * 100)} % safeguard`;
  if (plan.leaving === 0) {
    return `This feed would remove ${format(plan.removed)} of ${format(plan.active)} accounts ${percent}. Check that the feed is complete; an admin can apply it anyway.`;
  }
  const parts = [plan.removed > 0 && `${format(plan.removed)} it no longer lists`, `${format(plan.leaving)} it marks as leavers`].filter(Boolean);
  return (
    `This feed would block the users of ${format(departing)} of ${format(plan.active)} accounts ${percent}: ${parts.join(' and ')}. ` +
    `Check that the feed is complete and its status column right; an admin can apply it anyway.`
  );
}

export type PlannedChangeKind = 'add' | 'update' | 'remove' | 'restore' | 'reject';

export type PlannedChange = {
  key: string;
  kind: PlannedChangeKind;
  row: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  message: string | null;
};

/** The planned change per account of a staged or held import (the preview), filterable and paged. */
export async function listPlannedChanges(
  ctx: DataContext,
  importId: string,
  filter: { kind?: PlannedChangeKind; page?: number; pageSize?: number } = {},
): Promise<{ changes: PlannedChange[]; total: number; counts: Record<PlannedChangeKind, number> }> {
  const { rows: owner } = await run<{ application_id: string }>(ctx.db, sql`select application_id from imports where id = ${importId}`);
  const applicationId = owner[0]?.application_id;
  if (!applicationId) return { changes: [], total: 0, counts: { add: 0, update: 0, remove: 0, restore: 0, reject: 0 } };
  await authorizeForApplication(ctx.db, ctx.actor, applicationId, 'viewer');
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 500);
  const offset = (Math.max(filter.page ?? 1, 1) - 1) * pageSize;
  const plan = sql`
    with plan as (
      select s.key, s.row,
             case when a.id is null then 'add' when a.status = 'removed' then 'restore'
                  when a.attr_hash <> s.attr_hash then 'update' end as kind,
             case when a.id is null then null else ${accountJson('a')} end as before,
             ${accountJson('s')} as after, null::text as message
      from import_rows s left join accounts a on a.application_id = ${applicationId} and a.key = s.key
      where s.import_id = ${importId}
      union all
      select a.key, null, 'remove', ${accountJson('a')}, null, null
      from accounts a
      where a.application_id = ${applicationId} and a.status = 'active' and ${notRepeatedBy(importId, 'a')}
        and not exists (select 1 from import_rows s where s.import_id = ${importId} and s.key = a.key)
      union all
      select coalesce(l.field, ''), l.row, 'reject', null, null, l.message
      from import_logs l where l.import_id = ${importId} and l.level = 'error' and l.row is not null
    )`;
  const where = filter.kind ? sql`kind = ${filter.kind}` : sql`kind is not null`;
  const [page, counts] = await Promise.all([
    run<PlannedChange>(ctx.db, sql`${plan} select key, kind, row, before, after, message from plan where ${where}
        order by array_position(array['add', 'update', 'remove', 'restore', 'reject'], kind), key, row limit ${pageSize} offset ${offset}`),
    run<{ kind: PlannedChangeKind; n: number }>(ctx.db, sql`${plan} select kind, count(*)::int as n from plan where kind is not null group by kind`),
  ]);
  const byKind: Record<PlannedChangeKind, number> = { add: 0, update: 0, remove: 0, restore: 0, reject: 0 };
  for (const c of counts.rows) byKind[c.kind] = c.n;
  return {
    changes: page.rows,
    total: filter.kind ? byKind[filter.kind] : Object.values(byKind).reduce((a, b) => a + b, 0),
    counts: byKind,
  };
}
