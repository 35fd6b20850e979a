/**
 * The 1,000,000-account run on Postgres, in a process of its own so that its peak memory is the
 * import's alone: the feed is generated line by line into a file (never held as JavaScript objects),
 * its bytes are imported through runImport, and the resident set size is sampled throughout. Then
 * the table queries and the floor at that size. Started by scripts/bench.ts; prints one line
 * "BENCH_RESULT {json}" with its figures.
 *
 *   tsx --conditions=react-server bench/million.ts --size=1000000 --identities=100000 --runs=15
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { run } from '@/db/sql';
import { openTestDatabase } from '@/db/testing';
import type { DataContext } from '@/lib/data/context';
import { judge, printFigure, type Figure } from './figures';
import { measureFloor } from './floor';
import { manualLinksFigure } from './manual-links';
import { benchActor, compact, createBenchApplications, timedImport } from './scenario';
import { accountFeedLines, hrFeed } from './synthetic';
import { benchTableQueries } from './table-queries';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const size = arg('size', 1_000_000);
const identities = arg('identities', 100_000);
const runs = arg('runs', 15);
const MB = 1024 * 1024;

/** Writes the generated feed to a file with back-pressure: memory stays flat whatever the size. */
async function writeFeedFile(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length >= 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return fs.statSync(file).size;
}

/** The process's high-water mark of resident memory, from the kernel (Linux). */
function vmHwmMb(): number | undefined {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : undefined;
}

function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / MB;
    },
  };
}

async function main(): Promise<Figure[]> {
  const handle = await openTestDatabase('pg');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-1m-'));
  const figures: Figure[] = [];
  try {
    const ctx: DataContext = { db: handle.db, actor: benchActor };
    const ids = await createBenchApplications(ctx, [['hr', 'source'], ['big', 'target']]);
    const seeded = await timedImport(ctx, 'pg', 'hr', new TextEncoder().encode(hrFeed(identities)), { id: 'million.hr', label: 'setup: identities' });
    console.error(`identities seeded in ${(seeded.value / 1000).toFixed(1)} s`);
    const file = path.join(dir, 'accounts.csv');
    const bytes = await writeFeedFile(file, accountFeedLines(size));

    const before = process.memoryUsage().rss / MB;
    const sampler = sampleRss();
    // The bytes are read whole (runImport takes the upload's bytes), then parsed and staged in chunks.
    const imported = await timedImport(ctx, 'pg', 'big', fs.readFileSync(file), {
      id: `import.${compact(size)}`,
      label: `accounts feed: ${size.toLocaleString('en-US')} imported + reconciled (vs ${compact(identities)} identities)`,
    });
    const peak = sampler.stop();
    const hwm = vmHwmMb();
    fs.rmSync(file);

    const floor = await measureFloor(handle.db, () => accountFeedLines(size));
    const add = (figure: Figure, floorMs?: number) => {
      const judged = judge(figure, floorMs);
      figures.push(judged);
      printFigure(judged);
    };
    add({ driver: 'pg', id: `floor.${compact(size)}`, label: `floor: ${size.toLocaleString('en-US')} rows UNNEST-loaded + one join (median of 3)`, value: floor.ms, unit: 'ms', detail: `load ${floor.loadMs.toFixed(0)} ms + join ${floor.joinMs.toFixed(0)} ms` });
    const { rows: sizes } = await run<{ table: string; total: string }>(
      handle.db,
      sql`select pg_size_pretty(pg_relation_size('accounts')) as table, pg_size_pretty(pg_total_relation_size('accounts')) as total`,
    );
    add({ ...imported, detail: `${(bytes / MB).toFixed(0)} MB CSV; accounts ${sizes[0]!.table}, ${sizes[0]!.total} with indexes; ${imported.detail}` }, floor.ms);
    add({
      driver: 'pg',
      id: `memory.${compact(size)}`,
      label: `peak memory (RSS) of the ${compact(size)} import`,
      value: Math.max(peak, hwm ?? 0),
      unit: 'MB',
      target: { kind: 'below', value: 512 },
      detail: `sampled RSS ${peak.toFixed(0)} MB (${before.toFixed(0)} MB before), process VmHWM ${hwm?.toFixed(0) ?? '?'} MB`,
    });
    // after the import and its memory figure: 2 % linked by hand, so that "Manually linked" reads rows
    add(await manualLinksFigure(handle.db, 'pg', ids.get('big')!, `manual-links.${compact(size)}`));
    for (const figure of await benchTableQueries(ctx, 'pg', ids.get('big')!, { runs, sizeLabel: compact(size), target: { kind: 'below', value: 150 } })) add(figure);
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await handle.close();
  }
}

const figures = await main();
console.log(`BENCH_RESULT ${JSON.stringify(figures)}`);
