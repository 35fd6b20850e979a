import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { authorize } from './actor';
import type { DataContext } from './context';

export type AuditInput = {
  actor: string;
  action: string;
  applicationId?: string | null;
  subjectType: 'account' | 'identity' | 'application' | 'import' | 'token' | 'admin';
  subjectId?: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
};

/** Written inside the transaction of the change it describes, so there is never a change without its entry. */
export async function writeAudit(tx: Executor, entry: AuditInput): Promise<void> {
  await run(
    tx,
    sql`insert into audit_entries (actor, action, application_id, subject_type, subject_id, summary, before, after)
        values (${entry.actor}, ${entry.action}, ${entry.applicationId ?? null}, ${entry.subjectType}, ${entry.subjectId ?? null},
                ${entry.summary}, ${entry.before === undefined ? null : JSON.stringify(entry.before)}::jsonb,
                ${entry.after === undefined ? null : JSON.stringify(entry.after)}::jsonb)`,
  );
}

export type AuditFilter = { actor?: string; action?: string; application?: string; page: number; pageSize: number };

export type AuditEntry = {
  id: number;
  at: Date;
  actor: string;
  action: string;
  applicationSlug: string | null;
  applicationName: string | null;
  subjectType: string;
  subjectId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
};

export async function listAuditEntries(
  ctx: DataContext,
  filter: AuditFilter,
): Promise<{ entries: AuditEntry[]; total: number; actors: string[]; actions: string[] }> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const where = sql.join(
    [
      sql`true`,
      filter.actor ? sql`e.actor = ${filter.actor}` : undefined,
      filter.action ? sql`e.action = ${filter.action}` : undefined,
      filter.application ? sql`a.slug = ${filter.application}` : undefined,
    ].filter((part) => part !== undefined),
    sql` and `,
  );
  const offset = (filter.page - 1) * filter.pageSize;
  const [entries, total, actors, actions] = await Promise.all([
    run<AuditEntry>(
      ctx.db,
      sql`select e.id, e.at, e.actor, e.action, a.slug as "applicationSlug", a.name as "applicationName",
                 e.subject_type as "subjectType", e.subject_id as "subjectId", e.summary, e.before, e.after
          from audit_entries e left join applications a on a.id = e.application_id
          where ${where} order by e.at desc, e.id desc limit ${filter.pageSize} offset ${offset}`,
    ),
    run<{ n: number }>(ctx.db, sql`select count(*)::int as n from audit_entries e left join applications a on a.id = e.application_id where ${where}`),
    run<{ actor: string }>(ctx.db, sql`select distinct actor from audit_entries order by actor limit 200`),
    run<{ action: string }>(ctx.db, sql`select distinct action from audit_entries order by action`),
  ]);
  return {
    entries: entries.rows.map((e) => ({ ...e, id: Number(e.id), at: new Date(e.at) })),
    total: total.rows[0]?.n ?? 0,
    actors: actors.rows.map((r) => r.actor),
    actions: actions.rows.map((r) => r.action),
  };
}
