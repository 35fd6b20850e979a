/**
 * `npm run bench`: the benchmark of issue 4. On each driver (embedded PGlite, the Postgres at
 * TEST_POSTGRES_URL) it imports and reconciles synthetic feeds through runImport — the same code path
 * as an upload — measures the floor in the same run, the unchanged re-import and the rows it wrote,
 * a 5/1/1 % feed, "Confirm all exact matches" and the reconciliation table's queries; then, in a
 * child process, 1,000,000 accounts on Postgres with the process's peak memory. Every figure is
 * printed beside its target and its ratio to the floor, and saved under bench/results/ and in the
 * README (Performance). Fresh databases each run, dropped afterwards.
 *
 *   npm run bench -- --size=100000 --drivers=pglite,pg --runs=30 --million=1000000 --skip-million --no-save
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '@/db/client';
import { run } from '@/db/sql';
import { openTestDatabase } from '@/db/testing';
import type { Figure } from '@/bench/figures';
import { saveResults, updateReadme, type BenchRun, type Machine } from '@/bench/report';
import { runScenario } from '@/bench/scenario';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const size = Number(option('size') ?? 100_000);
const runs = Number(option('runs') ?? 30);
const drivers = (option('drivers') ?? 'pglite,pg').split(',');
const million = Number(option('million') ?? 1_000_000);
const skipMillion = flag('skip-million') || !drivers.includes('pg');
// Only a full-size run replaces the published figures, unless asked otherwise.
const save = flag('save') || (!flag('no-save') && size === 100_000);

async function withDatabase<T>(driver: string, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  if (driver === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
    const handle = await openDatabase({ driver: 'pglite', dataDir: path.join(dir, 'pglite') });
    try {
      return await work(handle);
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const handle = await openTestDatabase(driver === 'neon' ? 'neon' : 'pg');
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function describeDatabase(handle: DbHandle): Promise<{ version: string; triggers: string[] }> {
  // shared_buffers: whether a table's pages are read from the server's own cache or from the OS's (at
  // 1,000,000 accounts the table and its indexes are about 800 MB).
  const { rows } = await run<{ version: string; buffers: string }>(handle.db, sql`select version() as version, current_setting('shared_buffers') as buffers`);
  const triggers = await run<{ name: string }>(
    handle.db,
    sql`select tgname as name from pg_trigger where tgrelid = 'identities'::regclass and not tgisinternal order by tgname`,
  );
  return { version: `${rows[0]!.version.replace(/ on .*$/, '')}, shared_buffers ${rows[0]!.buffers}`, triggers: triggers.rows.map((t) => t.name) };
}

/** The 1,000,000 run in a child process, so its peak memory is its own. */
function runMillion(): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', 'bench/million.ts', `--size=${million}`, `--identities=${size}`, `--runs=${Math.min(runs, 15)}`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let result: Figure[] | undefined;
    let pending = '';
    child.stdout.on('data', (data: Buffer) => {
      pending += data.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('BENCH_RESULT ')) result = JSON.parse(line.slice('BENCH_RESULT '.length)) as Figure[];
        else console.log(line);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`the ${million} run exited with ${code}`))));
  });
}

async function main() {
  const startedAt = new Date().toISOString();
  const machine: Machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    databases: {},
    loadAverage: { start: os.loadavg(), end: [] },
    triggersOnIdentities: [],
  };
  console.log(`Concord benchmark: ${size.toLocaleString('en-US')} accounts; ${machine.cores} cores (${machine.cpu}), node ${machine.node}, load ${machine.loadAverage.start.map((l) => l.toFixed(2)).join(' ')}\n`);
  const figures: Figure[] = [];
  for (const driver of drivers) {
    await withDatabase(driver, async (handle) => {
      const described = await describeDatabase(handle);
      machine.databases[driver] = described.version;
      console.log(`${driver}: ${described.version}`);
      machine.triggersOnIdentities = [...new Set([...machine.triggersOnIdentities, ...described.triggers])];
      const result = await runScenario(handle, driver, { size, runs });
      figures.push(...result.figures);
    });
  }
  if (!skipMillion) figures.push(...(await runMillion()));
  machine.loadAverage.end = os.loadavg();
  const result: BenchRun = { startedAt, finishedAt: new Date().toISOString(), options: { size, runs, drivers, million: skipMillion ? null : million }, machine, figures };
  if (save) {
    const files = saveResults(result, process.cwd());
    const readme = updateReadme(result, process.cwd());
    console.log(`\nSaved ${files.join(', ')}${readme ? ' and the README table' : ' (README has no bench markers)'}.`);
  }
  const missed = figures.filter((f) => f.pass === false);
  console.log(missed.length ? `\n${missed.length} target(s) missed: ${missed.map((f) => `${f.driver} ${f.label}`).join('; ')}` : '\nEvery target met.');
}

await main();
