import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { StoredFieldMapping } from '@/db/schema';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, type Result } from '@/lib/errors';
import { defaultMatchingRules, matchingRulesSchema, type MatchingRule } from '@/lib/matching/rules';
import { authorize } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { rematchApplication } from './matching';

export type ApplicationRole = 'source' | 'target';

export type ApplicationSummary = {
  id: string;
  slug: string;
  name: string;
  role: ApplicationRole;
  matchingRules: MatchingRule[];
  mapping: StoredFieldMapping | null;
  safeguardThreshold: number;
  version: number;
  createdAt: Date;
  accountCount: number;
  lastImport: { id: string; status: string; finishedAt: Date | null } | null;
};

export const slugSchema = z
  .string()
  .trim()
  .min(2, 'The slug needs at least 2 characters.')
  .max(40, 'The slug can have at most 40 characters.')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens, e.g. "salesforce-crm".');

export const applicationInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the application a name.').max(100, 'The name can have at most 100 characters.'),
  slug: slugSchema,
  role: z.enum(['source', 'target']),
  matchingRules: matchingRulesSchema.optional(),
});

export const applicationUpdateSchema = z.object({
  version: z.number().int().positive(),
  name: applicationInputSchema.shape.name.optional(),
  role: z.enum(['source', 'target']).optional(),
  matchingRules: matchingRulesSchema.optional(),
  safeguardThreshold: z.number().min(0).max(1).optional(),
});

const selectSummary = sql`
  select a.id, a.slug, a.name, a.role, a.matching_rules as "matchingRules", a.mapping,
         a.safeguard_threshold as "safeguardThreshold", a.version, a.created_at as "createdAt",
         (select count(*)::int from accounts ac where ac.application_id = a.id and ac.status = 'active') as "accountCount",
         (select json_build_object('id', i.id, 'status', i.status, 'finishedAt', i.finished_at)
            from imports i where i.application_id = a.id order by i.created_at desc limit 1) as "lastImport"
  from applications a`;

type SummaryRow = Omit<ApplicationSummary, 'lastImport'> & {
  lastImport: { id: string; status: string; finishedAt: string | null } | null;
};

function toSummary(row: SummaryRow): ApplicationSummary {
  return {
    ...row,
    safeguardThreshold: Number(row.safeguardThreshold),
    createdAt: new Date(row.createdAt),
    lastImport: row.lastImport
      ? { ...row.lastImport, finishedAt: row.lastImport.finishedAt ? new Date(row.lastImport.finishedAt) : null }
      : null,
  };
}

export async function listApplications(ctx: DataContext): Promise<ApplicationSummary[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const { rows } = await run<SummaryRow>(ctx.db, sql`${selectSummary} order by a.role, lower(a.name)`);
  return rows.map(toSummary);
}

export async function getApplication(ctx: DataContext, slug: string): Promise<ApplicationSummary | null> {
  if (ctx.actor.kind !== 'token') await authorize(ctx.db, ctx.actor, 'viewer');
  const { rows } = await run<SummaryRow>(ctx.db, sql`${selectSummary} where a.slug = ${slug}`);
  const app = rows[0] ? toSummary(rows[0]) : null;
  if (app && ctx.actor.kind === 'token' && ctx.actor.applicationId !== app.id) {
    throw new AppFailure({ code: 'forbidden', message: 'This token belongs to another application.' });
  }
  return app;
}

export async function createApplication(ctx: DataContext, input: z.input<typeof applicationInputSchema>): Promise<Result<ApplicationSummary>> {
  const parsed = applicationInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: { code: 'invalid', message: issue.message, field: issue.path.join('.') } };
  }
  const { name, slug, role, matchingRules = defaultMatchingRules } = parsed.data;
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const inserted = await run<{ id: string }>(
        tx,
        sql`insert into applications (slug, name, role, matching_rules) values (${slug}, ${name}, ${role}, ${JSON.stringify(matchingRules)}::jsonb)
            on conflict (slug) do nothing returning id`,
      );
      const id = inserted.rows[0]?.id;
      if (!id) throw new AppFailure({ code: 'conflict', message: `An application with the slug "${slug}" already exists.`, field: 'slug' });
      await writeAudit(tx, {
        actor: who.label,
        action: 'application.create',
        applicationId: id,
        subjectType: 'application',
        subjectId: id,
        summary: `Created ${role} application ${name} (${slug})`,
        after: { name, slug, role, matchingRules },
      });
      const { rows } = await run<SummaryRow>(tx, sql`${selectSummary} where a.id = ${id}`);
      return toSummary(rows[0]!);
    }),
  );
}

/** Renames, changes role, rules or safeguard; optimistic: the caller's version must be current. */
export async function updateApplication(
  ctx: DataContext,
  slug: string,
  input: z.input<typeof applicationUpdateSchema>,
): Promise<Result<ApplicationSummary>> {
  const parsed = applicationUpdateSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: { code: 'invalid', message: issue.message, field: issue.path.join('.') } };
  }
  const change = parsed.data;
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const before = await lockApplication(tx, slug);
      if (before.version !== change.version) {
        throw new AppFailure({ code: 'conflict', message: 'Someone else changed this application meanwhile. Reload to see their change.' });
      }
      await run(
        tx,
        sql`update applications set
              name = ${change.name ?? before.name}, role = ${change.role ?? before.role},
              matching_rules = ${JSON.stringify(change.matchingRules ?? before.matchingRules)}::jsonb,
              safeguard_threshold = ${change.safeguardThreshold ?? before.safeguardThreshold},
              version = version + 1, updated_at = now()
            where id = ${before.id}`,
      );
      const after = { ...before, ...change, version: before.version + 1 };
      if (after.role === 'target' && (change.matchingRules || change.role)) {
        await rematchApplication(tx, before.id, after.matchingRules);
      }
      await writeAudit(tx, {
        actor: who.label,
        action: 'application.update',
        applicationId: before.id,
        subjectType: 'application',
        subjectId: before.id,
        summary: `Changed ${Object.keys(change).filter((k) => k !== 'version').join(', ') || 'nothing'} of ${before.name}`,
        before: pick(before),
        after: pick(after),
      });
      const { rows } = await run<SummaryRow>(tx, sql`${selectSummary} where a.id = ${before.id}`);
      return toSummary(rows[0]!);
    }),
  );
}

export async function deleteApplication(ctx: DataContext, slug: string, version: number): Promise<Result<{ slug: string }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await lockApplication(tx, slug);
      if (app.version !== version) {
        throw new AppFailure({ code: 'conflict', message: 'Someone else changed this application meanwhile. Reload and try again.' });
      }
      await writeAudit(tx, {
        actor: who.label,
        action: 'application.delete',
        applicationId: null,
        subjectType: 'application',
        subjectId: app.id,
        summary: `Deleted application ${app.name} (${slug}) with its accounts and imports`,
        before: pick(app),
      });
      // The import pipeline's bulk records carry no foreign keys (db/schema/imports.ts): removed here.
      const imports = sql`(select id from imports where application_id = ${app.id})`;
      await run(tx, sql`delete from import_rows where import_id in ${imports}`);
      await run(tx, sql`delete from import_changes where import_id in ${imports}`);
      await run(tx, sql`delete from import_logs where import_id in ${imports}`);
      // Accounts carry no foreign keys either (db/schema/accounts.ts).
      await run(tx, sql`delete from accounts where application_id = ${app.id}`);
      await run(tx, sql`delete from applications where id = ${app.id}`);
      return { slug };
    }),
  );
}

type LockedApplication = Pick<ApplicationSummary, 'id' | 'slug' | 'name' | 'role' | 'matchingRules' | 'mapping' | 'safeguardThreshold' | 'version'>;

/** Locks the application row: imports and settings changes of one application are serialised. */
export async function lockApplication(tx: DataContext['db'], slug: string): Promise<LockedApplication> {
  const { rows } = await run<LockedApplication>(
    tx,
    sql`select id, slug, name, role, matching_rules as "matchingRules", mapping, safeguard_threshold as "safeguardThreshold", version
        from applications where slug = ${slug} for update`,
  );
  const app = rows[0];
  if (!app) throw new AppFailure({ code: 'not_found', message: `There is no application "${slug}".` });
  return { ...app, safeguardThreshold: Number(app.safeguardThreshold) };
}

function pick(app: Partial<LockedApplication>) {
  return { name: app.name, role: app.role, matchingRules: app.matchingRules, safeguardThreshold: app.safeguardThreshold };
}
