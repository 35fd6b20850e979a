/**
 * The floor: what the database itself needs for the same rows, measured in the same run so that every
 * figure can be read as a multiple of it. Definition (kept in the README and the results):
 *
 *   load  — the feed's data rows, split on commas in JavaScript beforehand (not timed), inserted into a
 *           plain logged table without indexes or constraints with `INSERT … SELECT FROM UNNEST` of five
 *           text arrays, 100,000 rows per statement (each its own transaction);
 *   join  — one hash join of those rows against identities on the normalised e-mail
 *           (`identities.norm_email = lower(btrim(email))`), counted.
 *
 * floor = load + join. No parsing, hashing, diffing, per-account records or secondary indexes.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';

export type Floor = { ms: number; loadMs: number; joinMs: number; rows: number; matched: number };

const CHUNK_ROWS = 100_000;

/**
 * The floor, measured `times` times on a fresh table each time; the median run is kept, so one
 * moment of a shared machine's noise does not skew every ratio of the run.
 */
export function measureFloor(db: Executor, lines: () => Iterable<string>, times = 3): Promise<Floor> {
  return medianRun(times, () => measureFloorOnce(db, lines()));
}

/** Runs a measurement `times` times, one after the other, and keeps the median run (by ms). */
export async function medianRun<T extends { ms: number }>(times: number, once: () => Promise<T>): Promise<T> {
  const runs: T[] = [];
  for (let i = 0; i < times; i++) runs.push(await once());
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor((runs.length - 1) / 2)]!;
}

async function measureFloorOnce(db: Executor, lines: Iterable<string>): Promise<Floor> {
  await run(db, sql`drop table if exists bench_floor`);
  await run(db, sql`create table bench_floor (user_id text, username text, email text, display_name text, profile text)`);
  try {
    let loadMs = 0;
    let rows = 0;
    for (const columns of chunkColumns(lines)) {
      const started = performance.now();
      await run(
        db,
        sql`insert into bench_floor
            select * from unnest(${sql.param(columns[0])}::text[], ${sql.param(columns[1])}::text[], ${sql.param(columns[2])}::text[],
                                 ${sql.param(columns[3])}::text[], ${sql.param(columns[4])}::text[])`,
      );
      loadMs += performance.now() - started;
      rows += columns[0].length;
    }
    const started = performance.now();
    const { rows: joined } = await run<{ n: number }>(
      db,
      sql`select count(*)::int as n from bench_floor f join identities i on i.norm_email = lower(btrim(f.email))`,
    );
    const joinMs = performance.now() - started;
    return { ms: loadMs + joinMs, loadMs, joinMs, rows, matched: joined[0]!.n };
  } finally {
    await run(db, sql`drop table if exists bench_floor`);
  }
}

type Columns = [string[], string[], string[], string[], string[]];

/** The data lines (header skipped) as five column arrays, CHUNK_ROWS at a time. The synthetic feed never quotes. */
export function* chunkColumns(lines: Iterable<string>): Generator<Columns> {
  let columns: Columns = [[], [], [], [], []];
  let header = true;
  for (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line.includes('"')) throw new Error(`The floor expects unquoted CSV; this line is quoted: ${line}`);
    const fields = line.split(',');
    for (let i = 0; i < 5; i++) columns[i]!.push(fields[i] ?? '');
    if (columns[0].length === CHUNK_ROWS) {
      yield columns;
      columns = [[], [], [], [], []];
    }
  }
  if (columns[0].length > 0) yield columns;
}
