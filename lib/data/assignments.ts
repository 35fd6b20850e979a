import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { assignmentOrigins, assignmentStatuses, identityStatuses, licenceStates, type AssignmentOrigin, type AssignmentStatus, type LicenceState } from '@/lib/enums';
import { AppFailure, catchFailure, parseOrThrow, type Result } from '@/lib/errors';
import type { AssignmentSortKey } from './assignment-sort';
import { authorize } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { ruleApplies } from './entitlements';
import { identityFilter } from './identities';
import { fillFreeLicences, lockApplications } from './licences';

/*
 * Assignments by hand: one identity, a selection of ids, or every identity the identities table's
 * search and filters select, in one statement each. Only assigned identities are ever pushed to an
 * application (the outbox triggers write their events).
 */

export const identitySelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(z.uuid('Not an identity id.')).min(1, 'Choose at least one identity.').max(10_000, 'At most 10,000 at once: use the filter instead.') }),
  z.object({ kind: z.literal('filter'), q: z.string().max(200), status: z.array(z.enum(identityStatuses)) }),
]);
export type IdentitySelection = z.infer<typeof identitySelectionSchema>;

function selectedIdentities(selection: IdentitySelection): SQL {
  return selection.kind === 'ids'
    ? sql`select i.id from identities i where i.id = any(${sql.param(selection.ids)}::uuid[])`
    : sql`select i.id from identities i where ${identityFilter(selection)}`;
}

async function targetApplicationForUpdate(tx: Executor, slug: string): Promise<{ id: string; name: string }> {
  const { rows } = await run<{ id: string; name: string; role: string }>(tx, sql`select id, name, role from applications where slug = ${slug}`);
  const app = rows[0];
  if (!app) throw new AppFailure({ code: 'not_found', message: `There is no application "${slug}".` });
  if (app.role !== 'target') throw new AppFailure({ code: 'invalid', message: `${app.name} is a source application: identities are assigned to target applications only.` });
  await lockApplications(tx, sql`id = ${app.id}`);
  return app;
}

const identities = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'identity' : 'identities'}`;

async function auditSelection(tx: Executor, who: string, action: string, app: { id: string }, selection: IdentitySelection, summary: string) {
  const single = selection.kind === 'ids' && selection.ids.length === 1;
  await writeAudit(tx, {
    actor: who,
    action,
    applicationId: app.id,
    subjectType: single ? 'identity' : 'application',
    subjectId: single ? selection.ids[0] : app.id,
    summary,
    after: selection.kind === 'filter' ? { filter: { q: selection.q, status: selection.status } } : { identities: selection.ids.length },
  });
}

/**
 * Assigns the selected identities to a target application by hand. New ones arrive invited; a
 * suspended or rule-made assignment becomes manual and active (it then stays when rules stop applying).
 */
export async function assignIdentities(ctx: DataContext, slug: string, input: unknown): Promise<Result<{ assigned: number }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const selection = parseOrThrow(identitySelectionSchema, input, 'selection');
      const app = await targetApplicationForUpdate(tx, slug);
      const { rowCount } = await run(
        tx,
        sql`insert into assignments (identity_id, application_id, origin)
            select s.id, ${app.id}, 'manual' from (${selectedIdentities(selection)}) s
            on conflict (identity_id, application_id) do update
              set origin = 'manual', status = 'active',
                  role = case when assignments.status = 'suspended' then null else assignments.role end,
                  version = assignments.version + 1, updated_at = now()
              where assignments.origin <> 'manual' or assignments.status <> 'active'`,
      );
      await auditSelection(tx, who.label, 'assignment.assign', app, selection, `Assigned ${identities(rowCount)} to ${app.name}`);
      return { assigned: rowCount };
    }),
  );
}

/**
 * Unassigns the selected identities by hand. An identity a rule still applies to stays assigned
 * (its assignment becomes the rule's); change the rule to remove it. Freed licences go to the
 * earliest waiting identities.
 */
export async function unassignIdentities(ctx: DataContext, slug: string, input: unknown): Promise<Result<{ removed: number; keptByRule: number }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const selection = parseOrThrow(identitySelectionSchema, input, 'selection');
      const app = await targetApplicationForUpdate(tx, slug);
      const inSelection = sql`a.application_id = ${app.id} and a.identity_id in (${selectedIdentities(selection)})`;
      const ruleStillApplies = sql`exists (select 1 from entitlement_rules r join identities i on i.id = a.identity_id
                                           where r.application_id = a.application_id and ${ruleApplies})`;
      const removed = await run(tx, sql`delete from assignments a where ${inSelection} and not ${ruleStillApplies}`);
      const kept = await run(
        tx,
        sql`update assignments a set origin = 'rule', version = a.version + 1, updated_at = now()
            where ${inSelection} and a.origin = 'manual' and ${ruleStillApplies}`,
      );
      if (removed.rowCount > 0) await fillFreeLicences(tx, sql`ap.id = ${app.id}`);
      const keptNote = kept.rowCount > 0 ? `; ${identities(kept.rowCount)} kept by a rule` : '';
      await auditSelection(tx, who.label, 'assignment.unassign', app, selection, `Unassigned ${identities(removed.rowCount)} from ${app.name}${keptNote}`);
      return { removed: removed.rowCount, keptByRule: kept.rowCount };
    }),
  );
}

export type AssignmentRow = {
  identityId: string;
  name: string;
  username: string | null;
  email: string | null;
  identityStatus: 'active' | 'blocked';
  origin: AssignmentOrigin;
  status: AssignmentStatus;
  role: string | null;
  ruleGroup: string | null;
  licenceState: LicenceState;
  activationRequestedAt: Date | null;
  activatedAt: Date | null;
  updatedAt: Date;
};

export type AssignmentQuery = {
  q: string;
  status: AssignmentStatus[];
  licence: LicenceState[];
  origin: AssignmentOrigin[];
  sort: { key: AssignmentSortKey; dir: 'asc' | 'desc' };
  page: number;
  pageSize: number;
};

const sortColumns: Record<AssignmentQuery['sort']['key'], string> = {
  name: 'lower(coalesce(i.display_name, i.email, i.username))',
  status: 'a.status',
  role: 'a.role',
  licence: 'a.licence_state',
  updated: 'a.updated_at',
};

const inList = (column: string, values: readonly string[], all: readonly string[], type: string) =>
  values.length === 0 || values.length === all.length ? sql`true` : sql`${sql.raw(column)} = any(${sql.param(values)}::text[]::${sql.raw(type)}[])`;

/** The Access tab's table: one page of the application's assigned identities, with counts per filter value. */
export async function listAssignments(
  ctx: DataContext,
  applicationId: string,
  query: AssignmentQuery,
): Promise<{ rows: AssignmentRow[]; total: number; counts: Record<'status' | 'licence' | 'origin', Record<string, number>> }> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const base = sql`from assignments a join identities i on i.id = a.identity_id left join entitlement_rules r on r.id = a.rule_id
                   where a.application_id = ${applicationId} and ${identityFilter({ q: query.q, status: [] })}`;
  const filters = sql`${inList('a.status', query.status, assignmentStatuses, 'assignment_status')}
    and ${inList('a.licence_state', query.licence, licenceStates, 'licence_state')}
    and ${inList('a.origin', query.origin, assignmentOrigins, 'assignment_origin')}`;
  const order = sql.raw(`${sortColumns[query.sort.key]} ${query.sort.dir === 'desc' ? 'desc nulls last' : 'asc nulls first'}, a.id`);
  const [page, total, counts] = await Promise.all([
    run<AssignmentRow>(
      ctx.db,
      sql`select a.identity_id as "identityId", coalesce(i.display_name, i.email, i.username) as name, i.username, i.email,
                 i.status as "identityStatus", a.origin, a.status, a.role, r.group_name as "ruleGroup", a.licence_state as "licenceState",
                 a.activation_requested_at as "activationRequestedAt", a.activated_at as "activatedAt", a.updated_at as "updatedAt"
          ${base} and ${filters} order by ${order} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    run<{ n: number }>(ctx.db, sql`select count(*)::int as n ${base} and ${filters}`),
    run<{ facet: 'status' | 'licence' | 'origin'; value: string; n: number }>(
      ctx.db,
      sql`select 'status' as facet, a.status::text as value, count(*)::int as n ${base} group by a.status
          union all select 'licence', a.licence_state::text, count(*)::int ${base} group by a.licence_state
          union all select 'origin', a.origin::text, count(*)::int ${base} group by a.origin`,
    ),
  ]);
  const facetCounts: Record<'status' | 'licence' | 'origin', Record<string, number>> = {
    status: Object.fromEntries(assignmentStatuses.map((v) => [v, 0])),
    licence: Object.fromEntries(licenceStates.map((v) => [v, 0])),
    origin: Object.fromEntries(assignmentOrigins.map((v) => [v, 0])),
  };
  for (const c of counts.rows) facetCounts[c.facet][c.value] = c.n;
  return { rows: page.rows, total: total.rows[0]?.n ?? 0, counts: facetCounts };
}

export type IdentityAssignment = {
  applicationId: string;
  applicationSlug: string;
  applicationName: string;
  origin: AssignmentOrigin;
  status: AssignmentStatus;
  role: string | null;
  rule: { groupName: string | null; conditionAttribute: string | null; conditionOperator: string | null; conditionValue: string | null; priority: number } | null;
  licenceState: LicenceState;
  /** place in the application's waiting queue (1 = next), while waiting */
  queuePosition: number | null;
  licenceLimit: number | null;
  activatedAt: Date | null;
};

/** The identity page's assignments: every application it is assigned to, with role, rule and licence. */
export async function listIdentityAssignments(ctx: DataContext, identityId: string): Promise<IdentityAssignment[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const { rows } = await run<IdentityAssignment>(
    ctx.db,
    sql`select ap.id as "applicationId", ap.slug as "applicationSlug", ap.name as "applicationName", a.origin, a.status, a.role,
               case when r.id is null then null else json_build_object('groupName', r.group_name, 'conditionAttribute', r.condition_attribute,
                 'conditionOperator', r.condition_operator, 'conditionValue', r.condition_value, 'priority', r.priority) end as rule,
               a.licence_state as "licenceState", ap.licence_limit as "licenceLimit", a.activated_at as "activatedAt",
               case when a.licence_state = 'waiting' then (
                 select count(*)::int from assignments w where w.application_id = a.application_id and w.licence_state = 'waiting' and w.status = 'active'
                   and (w.activation_requested_at, w.id) <= (a.activation_requested_at, a.id)) end as "queuePosition"
        from assignments a join applications ap on ap.id = a.application_id left join entitlement_rules r on r.id = a.rule_id
        where a.identity_id = ${identityId} order by lower(ap.name)`,
  );
  return rows;
}
