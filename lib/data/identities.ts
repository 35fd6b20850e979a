import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, type Result } from '@/lib/errors';
import { authorize } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { evaluateEntitlements } from './entitlements';
import { rematchForIdentities } from './matching';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

export const identityInputSchema = z.object({
  username: z.string().trim().min(1, 'A username is required.').max(200, 'At most 200 characters.'),
  email: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[^\s@]+@[^\s@]+$/.test(v), 'Enter an e-mail address like name@example.com.'),
  displayName: optionalText(200),
  givenName: optionalText(100),
  familyName: optionalText(100),
  employeeId: optionalText(100),
});
export type IdentityInput = z.input<typeof identityInputSchema>;

export type IdentitySummary = {
  id: string;
  username: string | null;
  email: string | null;
  displayName: string | null;
  employeeId: string | null;
  status: 'active' | 'blocked';
  lifecycle: 'current' | 'past';
  sourceApplicationName: string | null;
  accountCount: number;
  isCandidate?: boolean;
};

/** Creates an identity by hand inside the caller's transaction; a taken username is a plain conflict. */
export async function createIdentityIn(
  tx: Executor,
  input: unknown,
  actor: string,
  applicationId: string | null = null,
): Promise<{ id: string; label: string }> {
  const parsed = identityInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppFailure({ code: 'invalid', message: issue.message, field: issue.path.join('.') });
  }
  const v = parsed.data;
  const { rows } = await run<{ id: string; label: string }>(
    tx,
    sql`insert into identities (username, email, display_name, given_name, family_name, employee_id)
        values (${v.username}, ${v.email}, ${v.displayName}, ${v.givenName}, ${v.familyName}, ${v.employeeId})
        on conflict do nothing
        returning id, coalesce(display_name, email, username) as label`,
  );
  const created = rows[0];
  if (!created) {
    throw new AppFailure({ code: 'conflict', message: `A user with the username "${v.username}" already exists. Assign that user instead.`, field: 'username' });
  }
  // A rule on an attribute alone (e.g. "e-mail ends with @partner.com") may apply to it at once.
  await evaluateEntitlements(tx, { kind: 'identities', identityIds: [created.id] });
  await writeAudit(tx, {
    actor,
    action: 'identity.create',
    applicationId,
    subjectType: 'identity',
    subjectId: created.id,
    summary: `Created user ${created.label}`,
    after: v,
  });
  return created;
}

/** Creates an identity from the identities page, then re-matches the accounts it may match. */
export async function createIdentity(ctx: DataContext, input: IdentityInput): Promise<Result<{ id: string; label: string }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const created = await createIdentityIn(tx, input, who.label);
      await rematchForIdentities(tx, [created.id]);
      return created;
    }),
  );
}

const selectIdentity = sql`
  select i.id, i.username, i.email, i.display_name as "displayName", i.employee_id as "employeeId", i.status, i.lifecycle,
         src.name as "sourceApplicationName",
         (select count(*)::int from accounts a where a.linked_identity_id = i.id and a.status = 'active') as "accountCount"
  from identities i left join applications src on src.id = i.source_application_id`;

function identitySearch(q: string) {
  if (!q) return sql`true`;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(coalesce(i.display_name, '') || ' ' || coalesce(i.email, '') || ' ' || coalesce(i.username, '')) ilike ${pattern}`;
}

/**
 * The "Assign existing user" picker: the account's candidates first (marked), then identities
 * matching the search, without repeats.
 */
export async function searchIdentities(
  ctx: DataContext,
  input: { q: string; accountId?: string; limit?: number },
): Promise<IdentitySummary[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 50);
  const q = input.q.trim().slice(0, 200);
  const candidates = input.accountId
    ? (
        await run<IdentitySummary>(
          ctx.db,
          sql`${selectIdentity} where i.id = any(coalesce((select candidate_ids from accounts where id = ${input.accountId}), '{}'::uuid[]))
              and ${identitySearch(q)} order by i.display_name nulls last, i.id`,
        )
      ).rows.map((r) => ({ ...r, isCandidate: true }))
    : [];
  const seen = candidates.map((c) => c.id);
  const others = q
    ? (
        await run<IdentitySummary>(
          ctx.db,
          sql`${selectIdentity} where ${identitySearch(q)} and not (i.id = any(${sql.param(seen)}::uuid[]))
              order by i.status, i.display_name nulls last, i.id limit ${limit}`,
        )
      ).rows
    : [];
  return [...candidates, ...others];
}

export type IdentityQuery = { q: string; status: ('active' | 'blocked')[]; page: number; pageSize: number };

/** The identities table's search and filters as a condition on `identities i` (also "assign all that match"). */
export function identityFilter(query: Pick<IdentityQuery, 'q' | 'status'>): SQL {
  const status = query.status.length > 0 ? sql`i.status = any(${sql.param(query.status)}::text[]::identity_status[])` : sql`true`;
  return sql`${identitySearch(query.q)} and ${status}`;
}

export async function listIdentities(ctx: DataContext, query: IdentityQuery): Promise<{ identities: IdentitySummary[]; total: number }> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const where = identityFilter(query);
  const [page, total] = await Promise.all([
    run<IdentitySummary>(
      ctx.db,
      sql`${selectIdentity} where ${where} order by lower(coalesce(i.display_name, i.username)), i.id
          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    run<{ n: number }>(ctx.db, sql`select count(*)::int as n from identities i where ${where}`),
  ]);
  return { identities: page.rows, total: total.rows[0]?.n ?? 0 };
}

export type IdentityDetail = IdentitySummary & {
  givenName: string | null;
  familyName: string | null;
  groups: string[];
  /** The groups its source's feed manages (none for an identity made by hand): only that feed changes them. */
  managedGroups: string[];
  attributes: Record<string, string>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  accounts: { id: string; applicationSlug: string; applicationName: string; key: string; situation: string; linkStatus: string; status: string }[];
};

export async function getIdentity(ctx: DataContext, identityId: string): Promise<IdentityDetail | null> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  if (!/^[0-9a-f-]{36}$/i.test(identityId)) return null;
  const { rows } = await run<IdentityDetail>(
    ctx.db,
    sql`select i.id, i.username, i.email, i.display_name as "displayName", i.given_name as "givenName", i.family_name as "familyName",
               i.employee_id as "employeeId", i.groups, i.attributes, i.version, i.status, i.lifecycle, i.created_at as "createdAt",
               i.updated_at as "updatedAt", src.name as "sourceApplicationName", 0 as "accountCount",
               coalesce(src.managed_groups, '{}') as "managedGroups"
        from identities i left join applications src on src.id = i.source_application_id where i.id = ${identityId}`,
  );
  const identity = rows[0];
  if (!identity) return null;
  const accounts = await run<IdentityDetail['accounts'][number]>(
    ctx.db,
    sql`select a.id, ap.slug as "applicationSlug", ap.name as "applicationName", a.key, a.situation, a.link_status as "linkStatus", a.status
        from accounts a join applications ap on ap.id = a.application_id
        where a.linked_identity_id = ${identityId} order by ap.name, a.key`,
  );
  return { ...identity, accountCount: accounts.rows.length, accounts: accounts.rows };
}

export const identityGroupsSchema = z.object({
  version: z.number().int().positive(),
  groups: z
    .array(z.string().trim().min(1, 'A group needs a name.').max(200, 'At most 200 characters.'))
    .max(500, 'At most 500 groups.')
    .transform((groups) => [...new Set(groups)].sort()),
});

/**
 * Sets an identity's groups by hand; entitlement rules are re-evaluated for it in the same
 * transaction (a rule may now grant a role, or no longer apply: suspended). A group its source's
 * feed manages is that feed's alone (seed 004): adding or removing one here is refused, else the
 * hand edit would stand until the person's row next changed in the feed.
 */
export async function updateIdentityGroups(ctx: DataContext, identityId: string, input: z.input<typeof identityGroupsSchema>): Promise<Result<{ version: number }>> {
  const parsed = identityGroupsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: { code: 'invalid', message: issue.message, field: issue.path.join('.') } };
  }
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const { rows: before } = await run<{ groups: string[]; version: number; label: string; managed: string[]; source: string | null }>(
        tx,
        sql`select i.groups, i.version, coalesce(i.display_name, i.email, i.username) as label,
                   coalesce(src.managed_groups, '{}') as managed, src.name as source
            from identities i left join applications src on src.id = i.source_application_id
            where i.id = ${identityId} for update of i`,
      );
      if (!before[0]) throw new AppFailure({ code: 'not_found', message: 'This identity no longer exists.' });
      if (before[0].version !== parsed.data.version) {
        throw new AppFailure({ code: 'conflict', message: 'This identity changed meanwhile (an import or another admin). Reload to see the change.' });
      }
      const had = new Set(before[0].groups);
      const wants = new Set(parsed.data.groups);
      const touched = before[0].managed.filter((group) => had.has(group) !== wants.has(group));
      if (touched.length > 0) {
        const named = touched.map((group) => `"${group}"`).join(', ');
        throw new AppFailure({
          code: 'invalid',
          field: 'groups',
          message: `${named} ${touched.length === 1 ? 'is a group' : 'are groups'} the feed of ${before[0].source} manages: change ${touched.length === 1 ? 'it' : 'them'} there.`,
        });
      }
      await run(tx, sql`update identities set groups = ${sql.param(parsed.data.groups)}::text[], version = version + 1, updated_at = now() where id = ${identityId}`);
      await evaluateEntitlements(tx, { kind: 'identities', identityIds: [identityId] });
      await writeAudit(tx, {
        actor: who.label,
        action: 'identity.groups',
        subjectType: 'identity',
        subjectId: identityId,
        summary: `Changed the groups of ${before[0].label}`,
        before: { groups: before[0].groups },
        after: { groups: parsed.data.groups },
      });
      return { version: before[0].version + 1 };
    }),
  );
}
