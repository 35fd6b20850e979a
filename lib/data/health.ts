import 'server-only';
import { sql } from 'drizzle-orm';
import { getDatabase, type DbHandle, type Driver } from '@/db/client';
import { run } from '@/db/sql';
import { databaseTarget } from '@/lib/env';

export type Health = { ok: true; database: Driver } | { ok: false; database: Driver; message: string };

export type HealthDeps = {
  /** The process's database (opened lazily on first use). */
  open: () => Promise<Pick<DbHandle, 'db' | 'driver'>>;
  /** The driver configured, to report even when opening fails. */
  configuredDriver: () => Driver;
  timeoutMs: number;
};

const defaults: HealthDeps = { open: getDatabase, configuredDriver: () => databaseTarget().driver, timeoutMs: 5_000 };

/**
 * For load balancers and uptime checks: one trivial query through the process's database. An
 * unreachable database is an expected answer (`ok: false`), not a thrown error; the cause is
 * logged on the server and never returned, because the health endpoint is public.
 */
export async function checkHealth(deps: HealthDeps = defaults): Promise<Health> {
  let database = deps.configuredDriver();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const query = (async () => {
      const handle = await deps.open();
      database = handle.driver;
      await run(handle.db, sql`select 1 as ok`);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${deps.timeoutMs} ms`)), deps.timeoutMs);
    });
    await Promise.race([query, timeout]);
    return { ok: true, database };
  } catch (error) {
    console.error('Health check: the database is unreachable', error);
    return { ok: false, database, message: 'The database is unreachable.' };
  } finally {
    clearTimeout(timer);
  }
}
