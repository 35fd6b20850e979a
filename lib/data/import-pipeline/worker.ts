import 'server-only';
import type { Executor } from '@/db/client';
import { getDb } from '@/db/client';
import { describeUpkeep, keepEmbeddedTablesUp } from '@/db/upkeep';
import { failAbandonedImports } from './lease';
import { runNextImport } from './queue';
import { onQueued } from './queue-signal';

/** How often an idle worker looks for imports queued by other instances. */
const POLL_MS = 3_000;
/** How often it sweeps imports whose worker died (their lease ran out). */
const SWEEP_MS = 30_000;

export type ImportWorker = {
  /** Look at the queue now instead of at the next poll. */
  wake: () => void;
  /** Ends the loop after the import in hand (if any) is done. */
  stop: () => Promise<void>;
};

export type ImportWorkerOptions = { pollMs?: number; sweepMs?: number; log?: (message: string) => void };

/**
 * A loop that runs queued imports one at a time: it claims the oldest, processes it, and takes the
 * next at once; with nothing queued it keeps an embedded database's tables up (vacuum and analyze,
 * which PGlite never runs by itself) and sleeps until an import is queued in this process or `pollMs`
 * passes (work queued by other instances). Every `sweepMs` it also fails imports abandoned by a dead
 * worker. Errors are logged, never thrown: the loop goes on at the next poll.
 */
export function createImportWorker(database: Executor | (() => Promise<Executor>), options: ImportWorkerOptions = {}): ImportWorker {
  const { pollMs = POLL_MS, sweepMs = SWEEP_MS, log = (message) => console.log(`Concord: ${message}`) } = options;
  const openDb = typeof database === 'function' ? database : async () => database;
  let stopped = false;
  let woken = false;
  let interrupt: (() => void) | null = null;

  const wake = () => {
    woken = true;
    interrupt?.();
  };
  const unsubscribe = onQueued(wake);
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const finish = () => {
        clearTimeout(timer);
        interrupt = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      timer.unref?.();
      interrupt = finish;
    });

  const loop = async () => {
    let lastSweep = 0;
    while (!stopped) {
      woken = false;
      let ran = false;
      try {
        const db = await openDb();
        if (Date.now() - lastSweep >= sweepMs) {
          lastSweep = Date.now();
          const swept = await failAbandonedImports(db);
          if (swept > 0) log(`${swept} import(s) whose worker stopped marked failed; nothing of them was applied.`);
        }
        const outcome = await runNextImport(db);
        ran = outcome !== null;
        if (outcome) log(`import ${outcome.id} of ${outcome.applicationSlug}: ${outcome.status}${outcome.error ? ` — ${outcome.error}` : ''}`);
        // Idle: the embedded database has no autovacuum, so the worker does its work (db/upkeep.ts).
        const upkeep = ran ? [] : await keepEmbeddedTablesUp(db);
        if (upkeep.length > 0) log(`embedded upkeep: ${describeUpkeep(upkeep)}`);
      } catch (error) {
        console.error('Concord: the import worker hit an error (it goes on at the next poll):', error);
      }
      if (!ran) await sleep(pollMs);
    }
  };
  const done = loop();

  return {
    wake,
    stop: async () => {
      stopped = true;
      unsubscribe();
      interrupt?.();
      await done;
    },
  };
}

/** On globalThis: a module loaded twice (development reloads, several bundles) must not start a second loop. */
const holder = globalThis as typeof globalThis & { __concordImportWorker?: ImportWorker };

/** Starts this server process's import worker on the application's database (idempotent). */
export function startImportWorker(): void {
  if (holder.__concordImportWorker) return;
  holder.__concordImportWorker = createImportWorker(getDb);
}

/** Stops this process's import worker (shutdown, tests). */
export async function stopImportWorker(): Promise<void> {
  const worker = holder.__concordImportWorker;
  holder.__concordImportWorker = undefined;
  await worker?.stop();
}
