import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { feedFormats, type FeedFormat, type ImportStatus } from '@/lib/enums';
import { AppFailure, catchFailure, fail, type Result } from '@/lib/errors';
import { isSyncInterval } from '@/lib/sync/schedule';
import { authorize } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';

/**
 * An application's scheduled pull (seed 001), as the browser may see it. The Authorization
 * header value is a secret: it never leaves the server, only whether one is stored.
 */
export type SyncConfigView = {
  id: string;
  applicationId: string;
  url: string;
  format: FeedFormat | null;
  intervalMinutes: number;
  enabled: boolean;
  allowPrivateNetwork: boolean;
  hasAuthorization: boolean;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastImport: { id: string; status: ImportStatus; error: string | null } | null;
  lastError: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
};


const noLineBreaks = /^[^\r\n]*$/;

/**
 * `authorization`: a value sets it, `""` or absent keeps what is stored, `null` removes it.
 * `version`: absent to create, the version read to change (optimistic concurrency).
 */
export const syncConfigInputSchema = z
  .object({
    url: z.string().trim().min(1, 'Enter the URL the feed is pulled from.').max(2048, 'The URL can have at most 2,048 characters.'),
    format: z.enum(feedFormats).nullable().optional(),
    intervalMinutes: z.number().int().refine(isSyncInterval, 'Choose one of the offered intervals.'),
    allowPrivateNetwork: z.boolean(),
    authorization: z
      .string()
      .max(4096, 'The Authorization header can have at most 4,096 characters.')
      .regex(noLineBreaks, 'The Authorization header must be on one line.')
      .nullable()
      .optional(),
    version: z.number().int().positive().optional(),
  })
  .superRefine((input, issues) => {
    const problem = urlProblem(input.url, input.allowPrivateNetwork);
    if (problem) issues.addIssue({ code: 'custom', path: ['url'], message: problem });
  });

export type SyncConfigInput = z.input<typeof syncConfigInputSchema>;

function urlProblem(text: string, allowPrivateNetwork: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL, e.g. https://hr.example.com/export/people.csv.';
  }
  if (url.protocol === 'http:' && !allowPrivateNetwork) {
    return "Use an https:// URL. Plain http is only allowed together with 'Allow private network addresses'.";
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an https:// URL.';
  if (url.username || url.password) return 'Put credentials in the Authorization header, not in the URL.';
  return null;
}

type ConfigRow = {
  id: string;
  applicationId: string;
  url: string;
  format: FeedFormat | null;
  intervalMinutes: number;
  enabled: boolean;
  allowPrivateNetwork: boolean;
  hasAuthorization: boolean;
  nextRunAt: Date | string | null;
  lastRunAt: Date | string | null;
  lastImport: { id: string; status: ImportStatus; error: string | null } | null;
  lastError: string | null;
  version: number;
  createdBy: string;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const selectView = sql`
  select c.id, c.application_id as "applicationId", c.url, c.format, c.interval_minutes as "intervalMinutes", c.enabled,
         c.allow_private_network as "allowPrivateNetwork", (c."authorization" is not null) as "hasAuthorization",
         c.next_run_at as "nextRunAt", c.last_run_at as "lastRunAt", c.last_error as "lastError", c.version,
         c.created_by as "createdBy", c.created_at as "createdAt", c.updated_at as "updatedAt",
         (select json_build_object('id', i.id, 'status', i.status, 'error', i.error) from imports i where i.id = c.last_import_id) as "lastImport"
  from sync_configs c`;

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toView(row: ConfigRow): SyncConfigView {
  return {
    ...row,
    intervalMinutes: Number(row.intervalMinutes),
    version: Number(row.version),
    nextRunAt: toDate(row.nextRunAt),
    lastRunAt: toDate(row.lastRunAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

type AppRow = { id: string; slug: string; name: string; role: 'source' | 'target' };

export async function findApplication(db: Executor, slug: string): Promise<AppRow> {
  const { rows } = await run<AppRow>(db, sql`select id, slug, name, role from applications where slug = ${slug}`);
  if (!rows[0]) throw new AppFailure({ code: 'not_found', message: `There is no application "${slug}".` });
  return rows[0];
}

async function readView(db: Executor, applicationId: string): Promise<SyncConfigView | null> {
  const { rows } = await run<ConfigRow>(db, sql`${selectView} where c.application_id = ${applicationId}`);
  return rows[0] ? toView(rows[0]) : null;
}

/** Locks the application's configuration row for a change; checks the caller's version. */
async function lockConfig(tx: Executor, app: AppRow, version: number): Promise<SyncConfigView> {
  await run(tx, sql`select id from sync_configs where application_id = ${app.id} for update`);
  const config = await readView(tx, app.id);
  if (!config) throw new AppFailure({ code: 'not_found', message: `${app.name} has no sync configuration any more. Reload the page.` });
  if (config.version !== version) {
    throw new AppFailure({ code: 'conflict', message: 'Someone else changed this sync configuration meanwhile. Reload to see their change.' });
  }
  return config;
}

/** What the audit log keeps of a configuration: everything but the secret. */
function auditable(config: Pick<SyncConfigView, 'url' | 'format' | 'intervalMinutes' | 'enabled' | 'allowPrivateNetwork' | 'hasAuthorization'>) {
  const { url, format, intervalMinutes, enabled, allowPrivateNetwork, hasAuthorization } = config;
  return { url, format, intervalMinutes, enabled, allowPrivateNetwork, hasAuthorization };
}

/** The application's sync configuration, or null when it has none. Viewers may read it. */
export async function getSyncConfig(ctx: DataContext, slug: string): Promise<SyncConfigView | null> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const app = await findApplication(ctx.db, slug);
  return readView(ctx.db, app.id);
}

/**
 * Creates (no `version`) or changes (the version read) an application's sync configuration: a
 * source's authoritative feed, or a target's export of its accounts.
 * An enabled configuration's next run is one interval from now.
 */
export async function saveSyncConfig(ctx: DataContext, slug: string, input: SyncConfigInput): Promise<Result<SyncConfigView>> {
  const parsed = syncConfigInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('invalid', issue.message, { field: issue.path.map(String).join('.') });
  }
  const change = parsed.data;
  const authorization = change.authorization === null ? null : change.authorization?.trim() || undefined;
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await findApplication(tx, slug);
      const format = change.format ?? null;
      if (change.version === undefined) {
        const inserted = await run<{ id: string }>(
          tx,
          sql`insert into sync_configs (application_id, url, format, interval_minutes, enabled, allow_private_network, "authorization", next_run_at, created_by)
              values (${app.id}, ${change.url}, ${format}, ${change.intervalMinutes}, true, ${change.allowPrivateNetwork}, ${authorization ?? null},
                      now() + make_interval(mins => ${change.intervalMinutes}::int), ${who.label})
              on conflict (application_id) do nothing returning id`,
        );
        if (!inserted.rows[0]) {
          throw new AppFailure({ code: 'conflict', message: `${app.name} already has a sync configuration (someone saved one meanwhile). Reload the page.` });
        }
        const created = (await readView(tx, app.id))!;
        await writeAudit(tx, {
          actor: who.label,
          action: 'sync.create',
          applicationId: app.id,
          subjectType: 'application',
          subjectId: app.id,
          summary: `Configured a scheduled pull of ${app.name}'s feed from ${change.url}`,
          after: auditable(created),
        });
        return created;
      }
      const before = await lockConfig(tx, app, change.version);
      const authorizationSql = authorization === undefined ? sql`"authorization"` : sql`${authorization}`;
      await run(
        tx,
        sql`update sync_configs set url = ${change.url}, format = ${format}, interval_minutes = ${change.intervalMinutes},
              allow_private_network = ${change.allowPrivateNetwork}, "authorization" = ${authorizationSql},
              next_run_at = case when enabled then now() + make_interval(mins => ${change.intervalMinutes}::int) else null end,
              version = version + 1, updated_at = now()
            where id = ${before.id}`,
      );
      const after = (await readView(tx, app.id))!;
      await writeAudit(tx, {
        actor: who.label,
        action: 'sync.update',
        applicationId: app.id,
        subjectType: 'application',
        subjectId: app.id,
        summary: `Changed the scheduled pull of ${app.name}${authorization !== undefined ? ' (and its Authorization header)' : ''}`,
        before: auditable(before),
        after: auditable(after),
      });
      return after;
    }),
  );
}

/** "Disable" suspends the schedule (no next run); "Enable" resumes it, next run one interval from now. */
export async function setSyncEnabled(ctx: DataContext, slug: string, enabled: boolean, version: number): Promise<Result<SyncConfigView>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await findApplication(tx, slug);
      const before = await lockConfig(tx, app, version);
      await run(
        tx,
        sql`update sync_configs set enabled = ${enabled},
              next_run_at = ${enabled ? sql`now() + make_interval(mins => interval_minutes)` : sql`null`},
              version = version + 1, updated_at = now()
            where id = ${before.id}`,
      );
      const after = (await readView(tx, app.id))!;
      await writeAudit(tx, {
        actor: who.label,
        action: enabled ? 'sync.enable' : 'sync.disable',
        applicationId: app.id,
        subjectType: 'application',
        subjectId: app.id,
        summary: `${enabled ? 'Enabled' : 'Disabled'} the scheduled pull of ${app.name}`,
        before: auditable(before),
        after: auditable(after),
      });
      return after;
    }),
  );
}

/** Deletes the configuration; its imports stay in the history. */
export async function deleteSyncConfig(ctx: DataContext, slug: string, version: number): Promise<Result<{ slug: string }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await findApplication(tx, slug);
      const before = await lockConfig(tx, app, version);
      await run(tx, sql`delete from sync_configs where id = ${before.id}`);
      await writeAudit(tx, {
        actor: who.label,
        action: 'sync.delete',
        applicationId: app.id,
        subjectType: 'application',
        subjectId: app.id,
        summary: `Deleted the scheduled pull of ${app.name}`,
        before: auditable(before),
      });
      return { slug };
    }),
  );
}
