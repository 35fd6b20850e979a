import { sql, type SQL } from 'drizzle-orm';
import { isEmbedded, type Executor } from './client';

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

/**
 * Bytes for a bytea column. node-postgres and Neon send a Buffer as a binary parameter; PGlite's own
 * bytea parameters are slow (8.5 MB took 2.5 to 4.5 s, as base64 text decoded by the server 0.17 s),
 * so for an embedded database they travel as base64. (Base64 everywhere would cost Postgres a 113 MB
 * string for a 1,000,000-account feed.)
 */
export const byteaParam = (db: Executor, bytes: Uint8Array): SQL => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isEmbedded(db) ? sql`decode(${buffer.toString('base64')}, 'base64')` : sql`${buffer}`;
};

/** Selects a bytea expression as base64 text; read it back with fromBase64. */
export const byteaAsBase64 = (expression: SQL): SQL => sql`encode(${expression}, 'base64')`;

export const fromBase64 = (text: string): Uint8Array => {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};
