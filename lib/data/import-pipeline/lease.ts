import 'server-only';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';

/** Who runs imports in this process, and how long its claim on a running import lasts unrenewed. */
export const workerId = `${hostname()}:${process.pid}`;
export const LEASE_SECONDS = 120;

/**
 * An import whose worker died (a crash, a killed server) stays "running" with a lease nobody renews.
 * This marks such imports failed and drops their staged rows. A queued import has no lease yet (it
 * waits for any worker) and is never swept. Nothing of them was applied: applying
 * is one transaction, which the database rolled back when the worker's connection went away.
 * Safe to run on any instance at any time: an import still applying holds its row locked, and the
 * update re-checks it after that transaction ends.
 */
export async function failAbandonedImports(db: Executor): Promise<number> {
  const { rows } = await run<{ n: number }>(
    db,
    sql`with abandoned as (
          update imports set status = 'failed', finished_at = clock_timestamp(), lease_owner = null, lease_expires_at = null,
                 error = 'The import was interrupted (its server stopped before it finished); nothing of it was applied.'
          where status = 'running' and lease_expires_at < now()
          returning id
        ),
        cleared as (delete from import_rows where import_id in (select id from abandoned) returning 1),
        logged as (
          insert into import_logs (import_id, row, level, message)
          select id, null, 'error', 'The import was interrupted (its server stopped before it finished); nothing of it was applied.' from abandoned
          returning 1
        )
        select count(*)::int as n from abandoned`,
  );
  return rows[0]?.n ?? 0;
}
