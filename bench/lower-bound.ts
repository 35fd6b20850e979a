/**
 * The lower bound: what any design that keeps an accounts table must pay for the feed's rows, measured
 * in the same run and the same way as the floor (bench/floor.ts), so it reads as a multiple of it.
 *
 *   table — `create table bench_lower (like accounts including defaults including generated)`: the
 *           accounts' columns, defaults (id = gen_random_uuid()) and generated columns (the normalised
 *           values, label), plus ONLY its primary key and its unique (application_id, key) index; no
 *           other index, no foreign key, no trigger;
 *   rows  — the same data rows, mapped as the import maps them beforehand (not timed): values trimmed,
 *           key = username, email, display_name, attributes {"userId", "profile"} (the default mapping keeps
 *           user_id as a custom attribute), a 32-character attr_hash;
 *           a repeated username kept once (the import ignores the repeat, so do the unique keys);
 *   load  — `INSERT … SELECT FROM UNNEST` of text arrays, 100,000 rows per statement (each its own
 *           transaction), into the fresh table; the median of three runs.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { chunkColumns, medianRun } from './floor';

export type LowerBound = { ms: number; rows: number };

export function measureLowerBound(db: Executor, applicationId: string, lines: () => Iterable<string>, times = 3): Promise<LowerBound> {
  const chunks = mapChunks(lines());
  return medianRun(times, () => measureOnce(db, applicationId, chunks));
}

async function measureOnce(db: Executor, applicationId: string, chunks: readonly MappedColumns[]): Promise<LowerBound> {
  await run(db, sql`drop table if exists bench_lower`);
  await run(db, sql`create table bench_lower (like accounts including defaults including generated)`);
  await run(db, sql`alter table bench_lower add primary key (id)`);
  await run(db, sql`create unique index bench_lower_application_key_key on bench_lower (application_id, key)`);
  try {
    let ms = 0;
    let rows = 0;
    for (const [keys, userIds, emails, displayNames, profiles, hashes] of chunks) {
      const started = performance.now();
      await run(
        db,
        sql`insert into bench_lower (application_id, key, username, email, display_name, attributes, attr_hash)
            select ${applicationId}::uuid, r.key, r.key, r.email, r.display_name,
                   jsonb_build_object('userId', r.user_id, 'profile', r.profile), r.attr_hash
            from unnest(${sql.param(keys)}::text[], ${sql.param(userIds)}::text[], ${sql.param(emails)}::text[], ${sql.param(displayNames)}::text[],
                        ${sql.param(profiles)}::text[], ${sql.param(hashes)}::text[]) as r(key, user_id, email, display_name, profile, attr_hash)`,
      );
      ms += performance.now() - started;
      rows += keys.length;
    }
    return { ms, rows };
  } finally {
    await run(db, sql`drop table if exists bench_lower`);
  }
}

/** key, user id, e-mail, display name, profile, attr_hash */
export type MappedColumns = [string[], string[], string[], string[], string[], string[]];

/** The floor's column chunks (user_id, username, email, display_name, profile) mapped as the import maps them. */
export function mapChunks(lines: Iterable<string>): MappedColumns[] {
  const seen = new Set<string>();
  const chunks: MappedColumns[] = [];
  for (const [userIds, usernames, emails, displayNames, profiles] of chunkColumns(lines)) {
    const mapped: MappedColumns = [[], [], [], [], [], []];
    usernames.forEach((username, i) => {
      const key = username.trim();
      if (seen.has(key)) return;
      seen.add(key);
      const values = [key, userIds[i]!.trim(), emails[i]!.trim(), displayNames[i]!.trim(), profiles[i]!.trim()] as const;
      values.forEach((value, column) => mapped[column]!.push(value));
      mapped[5].push(createHash('md5').update(values.join('|')).digest('hex'));
    });
    chunks.push(mapped);
  }
  return chunks;
}
