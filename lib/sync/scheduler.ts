import 'server-only';
import { dataContext } from '@/lib/data/context';
import { runDueSyncs, scheduleActor } from './run-sync';

const TICK_MS = 60_000;
/** The first look shortly after start, so a server that was down catches up without waiting a minute. */
const FIRST_TICK_MS = 5_000;

type SchedulerState = { timer: NodeJS.Timeout; first: NodeJS.Timeout; running: boolean };

/** On globalThis: a module reloaded in development must not start a second timer. */
const holder = globalThis as typeof globalThis & { __concordSyncScheduler?: SchedulerState };

/**
 * Runs due scheduled pulls from inside the server process, every minute: `npm start` and the demo
 * need no external scheduler (the cron endpoint serves those who prefer one; the atomic claim keeps
 * the two from running a pull twice). Idempotent; ticks never overlap (a tick is skipped while a
 * long pull runs); errors are logged, never thrown; the timers are unref'd so they never keep the
 * process alive.
 */
export function startSyncScheduler(): void {
  if (holder.__concordSyncScheduler) return;
  const state: SchedulerState = {
    running: false,
    first: setTimeout(() => void tick(state), FIRST_TICK_MS),
    timer: setInterval(() => void tick(state), TICK_MS),
  };
  state.first.unref();
  state.timer.unref();
  holder.__concordSyncScheduler = state;
}

/** Stops the timer (tests, shutdown). */
export function stopSyncScheduler(): void {
  const state = holder.__concordSyncScheduler;
  if (!state) return;
  clearTimeout(state.first);
  clearInterval(state.timer);
  holder.__concordSyncScheduler = undefined;
}

export function isSyncSchedulerRunning(): boolean {
  return holder.__concordSyncScheduler !== undefined;
}

async function tick(state: SchedulerState): Promise<void> {
  if (state.running) return;
  state.running = true;
  try {
    const { db } = await dataContext(scheduleActor);
    const results = await runDueSyncs(db, new Date());
    for (const r of results) {
      console.log(`Concord: scheduled pull of ${r.application}: ${r.status}${r.importId ? ` (import ${r.importId})` : ''}${r.error ? ` — ${r.error}` : ''}`);
    }
  } catch (error) {
    console.error('Concord: the sync scheduler could not run due pulls:', error);
  } finally {
    state.running = false;
  }
}
