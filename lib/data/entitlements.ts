import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { ruleOperators, type RuleOperator } from '@/lib/enums';
import { AppFailure, catchFailure, type Result } from '@/lib/errors';
import { authorize } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { fillFreeLicences, lockApplications } from './licences';

/*
 * Entitlement rules (seed 002): per target application, "members of group G (where attribute A meets
 * a condition) get role R". The enabled rule with the lowest priority number that applies to an
 * active identity wins. Identities some rule applies to are assigned (origin 'rule'); a rule-made
 * assignment no rule applies to any more is suspended: never deleted, its role and data kept, and
 * active again when a rule applies again. Manual assignments keep their status and take the winning
 * rule's role. Re-evaluated, set-based, whenever rules change and whenever identities do.
 */

/** The identity fields a condition can name; any other name is a custom attribute from a feed. */
export const standardConditionAttributes = {
  username: 'i.username',
  email: 'i.email',
  displayName: 'i.display_name',
  givenName: 'i.given_name',
  familyName: 'i.family_name',
  employeeId: 'i.employee_id',
} as const;

const attributeValue = sql.raw(
  `case r.condition_attribute ${Object.entries(standardConditionAttributes)
    .map(([key, column]) => `when '${key}' then ${column}`)
    .join(' ')} else i.attributes ->> r.condition_attribute end`,
);

/** True when rule `r` applies to identity `i` (both compared trimmed and case-folded). */
export const ruleApplies = sql`r.enabled and i.status = 'active'
  and (r.group_name is null or exists (select 1 from unnest(i.groups) g where lower(btrim(g)) = lower(btrim(r.group_name))))
  and (r.condition_attribute is null or (
    select case r.condition_operator
             when 'present' then v.actual <> ''
             when 'equals' then v.actual = v.wanted
             when 'not_equals' then v.actual <> v.wanted
             when 'contains' then strpos(v.actual, v.wanted) > 0
             when 'starts_with' then left(v.actual, length(v.wanted)) = v.wanted
             when 'ends_with' then right(v.actual, length(v.wanted)) = v.wanted
             else false end
    from (select lower(btrim(coalesce(${attributeValue}, ''))) as actual, lower(btrim(coalesce(r.condition_value, ''))) as wanted) v))`;

/** Which identities and applications a re-evaluation looks at. */
export type EvaluationScope =
  | { kind: 'all' }
  | { kind: 'application'; applicationId: string }
  | { kind: 'identities'; identityIds: string[] }
  /** the identities whose accounts a source import changed (created, updated, blocked, unblocked) */
  | { kind: 'import'; applicationId: string; importId: string };

function identityScope(scope: EvaluationScope, column: SQL): SQL {
  switch (scope.kind) {
    case 'identities':
      return sql`${column} = any(${sql.param(scope.identityIds)}::uuid[])`;
    case 'import':
      return sql`${column} in (select ac.linked_identity_id from accounts ac
                              where ac.application_id = ${scope.applicationId} and ac.last_changed_import_id = ${scope.importId}
                                and ac.linked_identity_id is not null)`;
    default:
      return sql`true`;
  }
}

const applicationScope = (scope: EvaluationScope, column: SQL): SQL =>
  scope.kind === 'application' ? sql`${column} = ${scope.applicationId}` : sql`true`;

export type EvaluationCounts = { granted: number; suspended: number };

/**
 * Re-evaluates the rules for the scope inside the caller's transaction: grants (assign, restore,
 * change role) what the winning rules say, suspends rule-made assignments no rule applies to, and
 * gives the licences that frees to the earliest waiting. Three statements whatever the size; with
 * no enabled rule and no rule-made assignment left to suspend it returns after one cheap query.
 */
export async function evaluateEntitlements(tx: Executor, scope: EvaluationScope): Promise<EvaluationCounts> {
  const { rows } = await run<{ work: boolean }>(
    tx,
    sql`select exists (select 1 from entitlement_rules r where r.enabled and ${applicationScope(scope, sql`r.application_id`)})
            or exists (select 1 from assignments a where a.role is not null and a.status = 'active') as work`,
  );
  if (!rows[0]?.work) return { granted: 0, suspended: 0 };
  // Applications with a licence limit first (the access code's lock order): suspending frees licences.
  await lockApplications(tx, sql`licence_limit is not null and ${applicationScope(scope, sql`id`)}`);

  const granted = await run(
    tx,
    sql`insert into assignments (identity_id, application_id, origin, status, role, rule_id)
        select w.identity_id, w.application_id, 'rule', 'active', w.role, w.rule_id
        from (
          select distinct on (i.id, r.application_id) i.id as identity_id, r.application_id, r.grants_role as role, r.id as rule_id
          from entitlement_rules r join identities i on ${ruleApplies} and ${identityScope(scope, sql`i.id`)}
          where ${applicationScope(scope, sql`r.application_id`)}
          order by i.id, r.application_id, r.priority, r.created_at, r.id
        ) w
        -- What already holds is left alone: not even locked, so a re-evaluation that changes nothing writes nothing.
        where not exists (select 1 from assignments x where x.identity_id = w.identity_id and x.application_id = w.application_id
                            and x.status = 'active' and x.role is not distinct from w.role and x.rule_id is not distinct from w.rule_id)
        on conflict (identity_id, application_id) do update
          set status = 'active', role = excluded.role, rule_id = excluded.rule_id, version = assignments.version + 1, updated_at = now()
          where (assignments.status, assignments.role, assignments.rule_id) is distinct from ('active'::assignment_status, excluded.role, excluded.rule_id)`,
  );
  const suspended = await run(
    tx,
    sql`update assignments a
        set status = case when a.origin = 'rule' then 'suspended'::assignment_status else a.status end,
            licence_state = case when a.origin = 'rule' then 'invited'::licence_state else a.licence_state end,
            activation_requested_at = case when a.origin = 'rule' then null else a.activation_requested_at end,
            role = case when a.origin = 'rule' then a.role end,
            rule_id = null, version = a.version + 1, updated_at = now()
        where ((a.origin = 'rule' and a.status = 'active') or (a.origin = 'manual' and a.role is not null))
          and ${identityScope(scope, sql`a.identity_id`)} and ${applicationScope(scope, sql`a.application_id`)}
          and not exists (select 1 from entitlement_rules r join identities i on i.id = a.identity_id
                          where r.application_id = a.application_id and ${ruleApplies})`,
  );
  if (suspended.rowCount > 0) await fillFreeLicences(tx, applicationScope(scope, sql`ap.id`));
  return { granted: granted.rowCount, suspended: suspended.rowCount };
}

export const ruleInputSchema = z
  .object({
    priority: z.number({ error: 'Give the rule a priority (a whole number; lower wins).' }).int('A whole number.').min(0).max(1_000_000),
    groupName: z
      .string()
      .trim()
      .max(200, 'At most 200 characters.')
      .optional()
      .transform((v) => v || null),
    conditionAttribute: z
      .string()
      .trim()
      .max(100, 'At most 100 characters.')
      .optional()
      .transform((v) => v || null),
    conditionOperator: z.enum(ruleOperators).optional(),
    conditionValue: z
      .string()
      .trim()
      .max(200, 'At most 200 characters.')
      .optional()
      .transform((v) => v ?? ''),
    grantsRole: z.string().trim().min(1, 'Name the role the rule grants.').max(100, 'At most 100 characters.'),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    if (!rule.groupName && !rule.conditionAttribute) {
      context.addIssue({ code: 'custom', path: ['groupName'], message: 'Name a group, or a condition on an attribute (or both).' });
    }
    if (rule.conditionAttribute && rule.conditionOperator !== 'present' && !rule.conditionValue) {
      context.addIssue({ code: 'custom', path: ['conditionValue'], message: 'Give the value the attribute is compared with.' });
    }
  });
export type RuleInput = z.input<typeof ruleInputSchema>;

export type EntitlementRule = {
  id: string;
  priority: number;
  groupName: string | null;
  conditionAttribute: string | null;
  conditionOperator: RuleOperator | null;
  conditionValue: string | null;
  grantsRole: string;
  enabled: boolean;
  version: number;
  /** identities this rule currently grants its role to (it won for them) */
  grantedCount: number;
};

function parseRule(input: unknown): z.infer<typeof ruleInputSchema> {
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppFailure({ code: 'invalid', message: issue.message, field: issue.path.join('.') });
  }
  return parsed.data;
}

async function targetApplication(tx: Executor, slug: string): Promise<{ id: string; name: string }> {
  const { rows } = await run<{ id: string; name: string; role: string }>(tx, sql`select id, name, role from applications where slug = ${slug}`);
  const app = rows[0];
  if (!app) throw new AppFailure({ code: 'not_found', message: `There is no application "${slug}".` });
  if (app.role !== 'target') throw new AppFailure({ code: 'invalid', message: `${app.name} is a source application: identities are assigned to target applications only.` });
  return app;
}

type RuleWords = Pick<EntitlementRule, 'groupName' | 'conditionAttribute' | 'conditionOperator' | 'conditionValue' | 'grantsRole'>;
const describeRule = (r: RuleWords) =>
  `${r.groupName ? `members of ${r.groupName}` : 'everyone'}${r.conditionAttribute ? ` where ${r.conditionAttribute} ${r.conditionOperator ?? 'equals'} ${r.conditionValue}` : ''} → ${r.grantsRole}`;

const selectRules = sql`select r.id, r.priority, r.group_name as "groupName", r.condition_attribute as "conditionAttribute",
       r.condition_operator as "conditionOperator", r.condition_value as "conditionValue", r.grants_role as "grantsRole",
       r.enabled, r.version, (select count(*)::int from assignments a where a.rule_id = r.id) as "grantedCount"
  from entitlement_rules r`;

export async function listRules(ctx: DataContext, applicationId: string): Promise<EntitlementRule[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const { rows } = await run<EntitlementRule>(ctx.db, sql`${selectRules} where r.application_id = ${applicationId} order by r.priority, r.created_at, r.id`);
  return rows;
}

/** Changes rules inside one transaction, re-evaluates the application and writes the audit entry. */
async function changeRules<T>(
  ctx: DataContext,
  slug: string,
  change: (tx: Executor, app: { id: string; name: string }) => Promise<{ value: T; summary: string; before?: unknown; after?: unknown; action: string }>,
): Promise<Result<T & EvaluationCounts>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await targetApplication(tx, slug);
      const done = await change(tx, app);
      const counts = await evaluateEntitlements(tx, { kind: 'application', applicationId: app.id });
      await writeAudit(tx, {
        actor: who.label,
        action: done.action,
        applicationId: app.id,
        subjectType: 'application',
        subjectId: app.id,
        summary: `${done.summary} (${counts.granted} granted or changed, ${counts.suspended} suspended)`,
        before: done.before,
        after: done.after,
      });
      return { ...done.value, ...counts };
    }),
  );
}

const ruleValues = (r: z.infer<typeof ruleInputSchema>) => ({
  ...r,
  conditionOperator: r.conditionAttribute ? (r.conditionOperator ?? 'equals') : null,
  conditionValue: r.conditionAttribute ? r.conditionValue : null,
});

export async function createRule(ctx: DataContext, slug: string, input: RuleInput): Promise<Result<{ id: string } & EvaluationCounts>> {
  return changeRules(ctx, slug, async (tx, app) => {
    const r = ruleValues(parseRule(input));
    const { rows } = await run<{ id: string }>(
      tx,
      sql`insert into entitlement_rules (application_id, priority, group_name, condition_attribute, condition_operator, condition_value, grants_role, enabled)
          values (${app.id}, ${r.priority}, ${r.groupName}, ${r.conditionAttribute}, ${r.conditionOperator}, ${r.conditionValue}, ${r.grantsRole}, ${r.enabled})
          returning id`,
    );
    return { value: { id: rows[0]!.id }, action: 'rule.create', summary: `Added the rule ${describeRule(r)} to ${app.name}`, after: r };
  });
}

async function lockRule(tx: Executor, applicationId: string, ruleId: string, version?: number) {
  const { rows } = await run<{ version: number }>(
    tx,
    sql`select version from entitlement_rules where id = ${ruleId} and application_id = ${applicationId} for update`,
  );
  if (!rows[0]) throw new AppFailure({ code: 'not_found', message: 'This rule no longer exists.' });
  if (version !== undefined && rows[0].version !== version) {
    throw new AppFailure({ code: 'conflict', message: 'Another admin changed this rule meanwhile. Reload to see their change.' });
  }
}

export async function updateRule(
  ctx: DataContext,
  slug: string,
  ruleId: string,
  input: RuleInput & { version: number },
): Promise<Result<{ id: string } & EvaluationCounts>> {
  return changeRules(ctx, slug, async (tx, app) => {
    const r = ruleValues(parseRule(input));
    await lockRule(tx, app.id, ruleId, input.version);
    await run(
      tx,
      sql`update entitlement_rules set priority = ${r.priority}, group_name = ${r.groupName}, condition_attribute = ${r.conditionAttribute},
              condition_operator = ${r.conditionOperator}, condition_value = ${r.conditionValue}, grants_role = ${r.grantsRole},
              enabled = ${r.enabled}, version = version + 1, updated_at = now()
          where id = ${ruleId}`,
    );
    return { value: { id: ruleId }, action: 'rule.update', summary: `Changed a rule of ${app.name} to ${describeRule(r)}${r.enabled ? '' : ' (disabled)'}`, after: r };
  });
}

export async function deleteRule(ctx: DataContext, slug: string, ruleId: string): Promise<Result<{ id: string } & EvaluationCounts>> {
  return changeRules(ctx, slug, async (tx, app) => {
    await lockRule(tx, app.id, ruleId);
    const { rows } = await run<EntitlementRule>(tx, sql`${selectRules} where r.id = ${ruleId}`);
    await run(tx, sql`delete from entitlement_rules where id = ${ruleId}`);
    return { value: { id: ruleId }, action: 'rule.delete', summary: `Deleted a rule of ${app.name}`, before: rows[0] };
  });
}

/** Attribute names a condition can use: the standard fields, then every custom attribute key feeds have set. */
export async function listConditionAttributes(ctx: DataContext): Promise<string[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const { rows } = await run<{ key: string }>(
    ctx.db,
    sql`select distinct k as key from identities i cross join lateral jsonb_object_keys(i.attributes) k order by k limit 200`,
  );
  return [...Object.keys(standardConditionAttributes), ...rows.map((r) => r.key)];
}
