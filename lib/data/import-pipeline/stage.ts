import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import type { MappedAccount } from '@/lib/feeds';

/** A mapped row with its attr_hash; `unchanged` when it hashed the same as its active account (only key and hash are staged). */
export type StagedRow = MappedAccount & { hash: string; unchanged: boolean };

/**
 * Stages one chunk of mapped rows, the changed and the unchanged apart, one statement each and never
 * a round trip per row. Changed rows travel as one JSON parameter that Postgres unpacks with
 * json_to_recordset (no bind-parameter limit); rows found unchanged (see ./known-accounts) as three
 * arrays of row numbers, keys and hashes, kept as just that.
 */
export async function stageRows(tx: Executor, importId: string, rows: readonly StagedRow[]): Promise<void> {
  const changed = rows.filter((row) => !row.unchanged);
  const unchanged = rows.filter((row) => row.unchanged);
  if (changed.length > 0) {
    const payload = JSON.stringify(
      changed.map((a) => ({
        r: a.row,
        k: a.key,
        u: a.username,
        e: a.email,
        dn: a.displayName,
        gn: a.givenName,
        fn: a.familyName,
        eid: a.employeeId,
        g: [...a.groups].sort().join(GROUP_SEPARATOR),
        at: a.attributes,
        h: a.hash,
      })),
    );
    await run(
      tx,
      sql`insert into import_rows (import_id, row, key, username, email, display_name, given_name, family_name, employee_id, groups, attributes, attr_hash)
          select ${importId}, t.r, t.k, t.u, t.e, t.dn, t.gn, t.fn, t.eid,
                 coalesce(string_to_array(nullif(t.g, ''), chr(31)), '{}'::text[]), t.at::jsonb, t.h
          from json_to_recordset(${payload}::json)
               as t(r int, k text, u text, e text, dn text, gn text, fn text, eid text, g text, at json, h text)`,
    );
  }
  if (unchanged.length > 0) {
    await run(
      tx,
      sql`insert into import_rows (import_id, row, key, attr_hash, unchanged)
          select ${importId}, t.r, t.k, t.h, true
          from unnest(${sql.param(unchanged.map((a) => a.row))}::int[], ${sql.param(unchanged.map((a) => a.key))}::text[],
                      ${sql.param(unchanged.map((a) => a.hash))}::text[]) as t(r, k, h)`,
    );
  }
}

const GROUP_SEPARATOR = '\u001f';

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
