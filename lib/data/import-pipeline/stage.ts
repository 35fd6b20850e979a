import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { canonicalAccount, type MappedAccount } from '@/lib/feeds';

const UNIT_SEPARATOR = '\u001f';

/**
 * Stages one chunk of mapped rows with a single UNNEST statement: one round trip per chunk, never
 * per row, and no bind-parameter limit (each column is one array parameter).
 */
export async function stageRows(tx: Executor, importId: string, accounts: readonly MappedAccount[]): Promise<void> {
  if (accounts.length === 0) return;
  const col = <T>(pick: (a: MappedAccount) => T) => sql.param(accounts.map(pick));
  await run(
    tx,
    sql`insert into import_rows (import_id, row, key, username, email, display_name, given_name, family_name, employee_id, groups, attributes, attr_hash)
        select ${importId}, t.r, t.k, t.u, t.e, t.dn, t.gn, t.fn, t.eid,
               case when t.g = '' then '{}'::text[] else string_to_array(t.g, chr(31)) end,
               t.attrs::jsonb, t.h
        from unnest(${col((a) => a.row)}::int[], ${col((a) => a.key)}::text[], ${col((a) => a.username)}::text[],
                    ${col((a) => a.email)}::text[], ${col((a) => a.displayName)}::text[], ${col((a) => a.givenName)}::text[],
                    ${col((a) => a.familyName)}::text[], ${col((a) => a.employeeId)}::text[],
                    ${col((a) => a.groups.join(UNIT_SEPARATOR))}::text[], ${col((a) => JSON.stringify(a.attributes))}::text[],
                    ${col(attributeHash)}::text[])
             as t(r, k, u, e, dn, gn, fn, eid, g, attrs, h)`,
  );
}

/** "Unchanged" is decided by this hash of the mapped attributes, so a re-import writes no account rows. */
export function attributeHash(account: MappedAccount): string {
  return createHash('sha256').update(canonicalAccount(account)).digest('base64url');
}

export type LogLine = { row: number | null; field?: string | null; level: 'info' | 'warning' | 'error'; message: string };

/** Writes log lines with one UNNEST statement. */
export async function writeLogs(tx: Executor, importId: string, lines: readonly LogLine[]): Promise<void> {
  if (lines.length === 0) return;
  await run(
    tx,
    sql`insert into import_logs (import_id, row, field, level, message)
        select ${importId}, t.r, t.f, t.l::log_level, t.m
        from unnest(${sql.param(lines.map((l) => l.row))}::int[], ${sql.param(lines.map((l) => l.field ?? null))}::text[],
                    ${sql.param(lines.map((l) => l.level))}::text[], ${sql.param(lines.map((l) => l.message))}::text[]) as t(r, f, l, m)`,
  );
}
