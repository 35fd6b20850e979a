import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import type { ImportCounts } from '@/db/schema';
import type { FeedFormat, ImportStatus } from '@/lib/enums';
import { authorize } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { findApplication } from './sync-configs';

/*
 * Scheduled pulls, the server's side: which configurations are due, claiming one for a run so that
 * two instances never run it twice, and recording how a run ended. The admin's side (view, save,
 * enable, delete) is in ./sync-configs.ts.
 */

/** What a pull needs, secret included: server-side only (the scheduler and "Sync now"). */
export type SyncPull = {
  id: string;
  applicationId: string;
  applicationSlug: string;
  url: string;
  format: FeedFormat | null;
  intervalMinutes: number;
  allowPrivateNetwork: boolean;
  authorization: string | null;
};

const selectPull = sql`
  select c.id, c.application_id as "applicationId", a.slug as "applicationSlug", c.url, c.format,
         c.interval_minutes as "intervalMinutes", c.allow_private_network as "allowPrivateNetwork", c."authorization"`;

const toPull = (row: SyncPull): SyncPull => ({ ...row, intervalMinutes: Number(row.intervalMinutes) });

/** For "Sync now": the configuration with its secret, for an admin; null when there is none. */
export async function getSyncPull(ctx: DataContext, slug: string): Promise<SyncPull | null> {
  await authorize(ctx.db, ctx.actor, 'admin');
  const app = await findApplication(ctx.db, slug);
  const { rows } = await run<SyncPull>(ctx.db, sql`${selectPull} from sync_configs c join applications a on a.id = c.application_id where c.application_id = ${app.id}`);
  return rows[0] ? toPull(rows[0]) : null;
}

/** The enabled configurations whose next run is due at `now`, oldest first. The server's own work: no actor. */
export async function listDueSyncs(db: Executor, now: Date, limit: number): Promise<SyncPull[]> {
  const { rows } = await run<SyncPull>(
    db,
    sql`${selectPull} from sync_configs c join applications a on a.id = c.application_id
        where c.enabled and c.next_run_at <= ${now.toISOString()}::timestamptz
        order by c.next_run_at, c.id limit ${limit}`,
  );
  return rows.map(toPull);
}

/**
 * Takes a due configuration for one run: moves its next run one interval past `now` in the same
 * statement that checks it is still due, so of two app instances (or a tick and the cron endpoint)
 * exactly one gets the row back. Null when someone else claimed it, it was disabled, or it is not due.
 * The version is left alone: a run does not make an admin's open form stale.
 */
export async function claimDueSync(db: Executor, configId: string, now: Date): Promise<SyncPull | null> {
  const at = now.toISOString();
  const { rows } = await run<SyncPull>(
    db,
    sql`with claimed as (
          update sync_configs set next_run_at = ${at}::timestamptz + make_interval(mins => interval_minutes)
          where id = ${configId} and enabled and next_run_at <= ${at}::timestamptz
          returning *)
        ${selectPull} from claimed c join applications a on a.id = c.application_id`,
  );
  return rows[0] ? toPull(rows[0]) : null;
}

/** A run that has not ended this long after it started was cut off (the server stopped): a pull and its import take at most ~11 minutes. */
const INTERRUPTED_AFTER_MINUTES = 30;

/**
 * Records that a run starts, so that its history shows it while it fetches and imports. A run of
 * the same application still `running` long after it started was cut off by a stopped server: it
 * is closed as failed first.
 */
export async function startSyncRun(db: Executor, pull: Pick<SyncPull, 'applicationId' | 'url'>, trigger: 'schedule' | 'manual', actor: string): Promise<string> {
  await run(
    db,
    sql`update sync_runs set status = 'failed', finished_at = now(), error = 'The server stopped before this pull ended.'
        where application_id = ${pull.applicationId} and status = 'running'
          and started_at < now() - make_interval(mins => ${INTERRUPTED_AFTER_MINUTES})`,
  );
  const { rows } = await run<{ id: string }>(
    db,
    sql`insert into sync_runs (application_id, trigger, actor, url) values (${pull.applicationId}, ${trigger}, ${actor}, ${pull.url}) returning id`,
  );
  return rows[0]!.id;
}

/**
 * Records how a run ended: its import (the pipeline records imports once it has bytes) and that
 * import's status, or the error that stopped it before there was one, which also goes to the audit log.
 */
export async function recordSyncResult(
  db: Executor,
  configId: string,
  result: { runId?: string; importId?: string | null; status?: ImportStatus; error?: string | null; actor?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await run<{ applicationId: string; url: string }>(
      tx,
      sql`update sync_configs set last_run_at = now(), last_import_id = ${result.importId ?? null}, last_error = ${result.error ?? null}
          where id = ${configId} returning application_id as "applicationId", url`,
    );
    if (result.runId) {
      await run(
        tx,
        sql`update sync_runs set status = ${result.status ?? (result.error ? 'failed' : 'succeeded')}, import_id = ${result.importId ?? null},
                   error = ${result.error ?? null}, finished_at = now()
            where id = ${result.runId}`,
      );
    }
    const config = rows[0];
    if (config && result.error && !result.importId) {
      await writeAudit(tx, {
        actor: result.actor ?? 'system:schedule',
        action: 'sync.failed',
        applicationId: config.applicationId,
        subjectType: 'application',
        subjectId: config.applicationId,
        summary: `The pull from ${config.url} failed: ${result.error}`,
      });
    }
  });
}

export type SyncRunView = {
  id: string;
  trigger: 'schedule' | 'manual';
  actor: string;
  url: string;
  status: ImportStatus;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** its import, once the feed was fetched: what it changed */
  import: { id: string; status: ImportStatus; counts: ImportCounts | null } | null;
};

/** A source application's pull history, latest first: every run, whether it reached an import or not. */
export async function listSyncRuns(ctx: DataContext, slug: string, limit = 50): Promise<{ runs: SyncRunView[]; total: number }> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const app = await findApplication(ctx.db, slug);
  const [page, count] = await Promise.all([
    run<Omit<SyncRunView, 'import'> & { importId: string | null; importStatus: ImportStatus | null; counts: ImportCounts | null }>(
      ctx.db,
      sql`select r.id, r.trigger, r.actor, r.url, r.status, r.error, r.started_at as "startedAt", r.finished_at as "finishedAt",
                 r.import_id as "importId", i.status as "importStatus", i.counts
          from sync_runs r left join imports i on i.id = r.import_id
          where r.application_id = ${app.id}
          order by r.started_at desc, r.id desc limit ${limit}`,
    ),
    run<{ n: number }>(ctx.db, sql`select count(*)::int as n from sync_runs where application_id = ${app.id}`),
  ]);
  return {
    runs: page.rows.map(({ importId, importStatus, counts, ...r }) => ({
      ...r,
      startedAt: new Date(r.startedAt),
      finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
      import: importId && importStatus ? { id: importId, status: importStatus, counts } : null,
    })),
    total: count.rows[0]!.n,
  };
}
