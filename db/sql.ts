import type { SQL } from 'drizzle-orm';
import type { Executor } from './client';

type RawResult<T> = { rows?: T[]; rowCount?: number | null; affectedRows?: number };

/**
 * Runs raw SQL on any driver and gives back rows and the affected-row count in one shape
 * (node-postgres and Neon say rowCount, PGlite says affectedRows).
 */
export async function run<T = Record<string, unknown>>(db: Executor, query: SQL): Promise<{ rows: T[]; rowCount: number }> {
  const result = (await db.execute(query)) as unknown as RawResult<T>;
  const rows = result.rows ?? [];
  return { rows, rowCount: result.rowCount ?? result.affectedRows ?? rows.length };
}
