import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import type { MappedAccount } from '@/lib/feeds';

/** A mapped row with its attr_hash (./attr-hash), as staged. */
export type StagedRow = MappedAccount & { hash: string };

/**
 * Stages one chunk of mapped rows with a single statement: the chunk travels as one JSON parameter
 * that Postgres unpacks with json_to_recordset. One round trip per chunk, never per row, and no
 * bind-parameter limit.
 */
export async function stageRows(tx: Executor, importId: string, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(
    rows.map((a) => ({
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
