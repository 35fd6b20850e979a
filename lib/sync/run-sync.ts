import 'server-only';
import type { Executor } from '@/db/client';
import type { Actor } from '@/lib/data/actor';
import type { DataContext } from '@/lib/data/context';
import { enqueueImport, runQueuedImport } from '@/lib/data/imports';
import { claimDueSync, getSyncPull, listDueSyncs, recordSyncResult, startSyncRun, type SyncPull } from '@/lib/data/sync-runs';
import type { ImportStatus } from '@/lib/enums';
import { env } from '@/lib/env';
import { catchFailure, fail, type Result } from '@/lib/errors';
import { fetchFeed } from './fetch-feed';

/** How one pull ended: its import, or (no import) why it could not start. */
export type SyncRunResult = { application: string; importId: string | null; status: ImportStatus; error: string | null };

/** Who scheduled pulls are imported as: "System: schedule" in the history. */
export const scheduleActor: Actor = { kind: 'system', name: 'schedule' };

function actorLabel(actor: Actor): string {
  if (actor.kind === 'admin') return actor.email;
  if (actor.kind === 'system') return `system:${actor.name}`;
  return `token:${actor.name}`;
}

/** How long a pull waits for its import when another instance's worker took it. */
const IMPORT_WAIT_MS = 10 * 60_000;

/**
 * Pulls one configuration's feed and imports it (mode apply: the safeguard still holds a feed that
 * would remove too much). The import goes through the queue like any other: recorded as queued,
 * then run here unless a worker has already taken it (then its outcome is awaited). Every run is
 * kept in the application's pull history from its start; one that fails before there are bytes
 * (refused address, timeout, too large, HTTP error) has no import, and its error is also recorded on
 * the configuration and in the audit log.
 */
export async function runSync(db: Executor, config: SyncPull, trigger: 'schedule' | 'manual', actor: Actor): Promise<SyncRunResult> {
  const label = actorLabel(actor);
  const runId = await startSyncRun(db, config, trigger, label);
  const failed = async (error: string): Promise<SyncRunResult> => {
    await recordSyncResult(db, config.id, { runId, error, actor: label });
    return { application: config.applicationSlug, importId: null, status: 'failed', error };
  };
  try {
    const pulled = await fetchFeed(config.url, {
      allowPrivateNetwork: config.allowPrivateNetwork,
      authorization: config.authorization,
      maxBytes: env().UPLOAD_MAX_BYTES,
    });
    if (!pulled.ok) return await failed(pulled.error.message);
    const imported = await enqueueImport(
      { db, actor },
      {
        applicationSlug: config.applicationSlug,
        content: pulled.value.content,
        fileName: pulled.value.fileName,
        contentType: pulled.value.contentType,
        format: config.format ?? undefined,
        trigger,
        mode: 'apply',
      },
    );
    if (!imported.ok) return await failed(imported.error.message);
    const outcome = await runQueuedImport(db, imported.value.id, { timeoutMs: IMPORT_WAIT_MS });
    const error = outcome.status === 'failed' ? outcome.error : outcome.status === 'held' ? outcome.holdReason : null;
    await recordSyncResult(db, config.id, { runId, importId: outcome.id, status: outcome.status, error, actor: label });
    return { application: config.applicationSlug, importId: outcome.id, status: outcome.status, error };
  } catch (error) {
    // The run ends in the history too; the caller logs the error.
    const message = error instanceof Error ? error.message : String(error);
    await recordSyncResult(db, config.id, { runId, error: `Concord hit an internal error during the pull: ${message}`, actor: label }).catch(() => {});
    throw error;
  }
}

/** "Sync now": an admin runs the application's configuration at once (even while it is disabled). */
export async function syncNow(ctx: DataContext, slug: string): Promise<Result<SyncRunResult>> {
  const found = await catchFailure(() => getSyncPull(ctx, slug));
  if (!found.ok) return found;
  if (!found.value) return fail('not_found', 'This application has no sync configuration. Save one first.');
  const pull = found.value;
  return catchFailure(() => runSync(ctx.db, pull, 'manual', ctx.actor));
}

/**
 * Runs every configuration due at `now`, one after the other. Each is claimed atomically first, so
 * with several app instances (or the in-process timer and the cron endpoint at once) each due pull
 * runs exactly once. One configuration's unexpected error is logged and recorded on it; the others
 * still run.
 */
export async function runDueSyncs(db: Executor, now: Date, limit = 25): Promise<SyncRunResult[]> {
  const due = await listDueSyncs(db, now, limit);
  const results: SyncRunResult[] = [];
  for (const candidate of due) {
    const claimed = await claimDueSync(db, candidate.id, now);
    if (!claimed) continue;
    try {
      results.push(await runSync(db, claimed, 'schedule', scheduleActor));
    } catch (error) {
      // runSync recorded it on the configuration, in its history and in the audit log.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Concord: the scheduled pull of ${claimed.applicationSlug} failed unexpectedly:`, error);
      results.push({ application: claimed.applicationSlug, importId: null, status: 'failed', error: `Concord hit an internal error during the pull: ${message}` });
    }
  }
  return results;
}
