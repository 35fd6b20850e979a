import 'server-only';
import { getDb, type Executor } from '@/db/client';
import { defaultDeliverySettings, deliverDueEvents, refreshOutboxStatistics, slowClaimMs, type DeliverySettings } from '@/lib/data/deliveries/deliver';
import { pruneDeliveryLog } from '@/lib/data/deliveries/retention';
import { env } from '@/lib/env';

/** Between two looks at the outbox when nothing woke the worker: events written by other processes or by triggers. */
const POLL_MS = 2_000;
/** At most one statistics refresh per this interval, however slow claims are. */
const ANALYZE_EVERY_MS = 60_000;
/** Delivered events older than the retention leave the log at most this often (and once at start). */
const PRUNE_EVERY_MS = 3_600_000;
/** After an error (database unreachable): wait longer before trying again. */
const ERROR_PAUSE_MS = 30_000;

type WorkerState = {
  stopped: boolean;
  /** set by a wake-up that came while a round was running: the next sleep is skipped */
  woken: boolean;
  wake: () => void;
  timer: NodeJS.Timeout | null;
  done: Promise<void>;
};

export type DeliveryWorkerOptions = {
  settings?: Partial<DeliverySettings>;
  pollMs?: number;
  /** Days a delivered event stays in the delivery log. Default: DELIVERY_LOG_DAYS (30). */
  keepDays?: number;
  /** Default: the server's database. */
  database?: () => Promise<Executor>;
};

/** On globalThis: a module reloaded in development must not start a second worker. */
const holder = globalThis as typeof globalThis & { __concordDeliveryWorker?: WorkerState };

/**
 * Sends outbox events to the applications' webhooks from inside the server process. It drains
 * due events round after round, then sleeps until `wakeDeliveryWorker()` (this process wrote
 * events) or the next poll. Requests run outside any transaction, so a slow receiver holds no lock
 * and never slows the console; errors are logged, never thrown; the timer never keeps the process alive.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions = {}): void {
  if (holder.__concordDeliveryWorker) return;
  const settings = { ...defaultDeliverySettings(), ...options.settings };
  const state: WorkerState = { stopped: false, woken: false, wake: () => {}, timer: null, done: Promise.resolve() };
  state.wake = remember(state);
  holder.__concordDeliveryWorker = state;
  const keepDays = options.keepDays ?? env().DELIVERY_LOG_DAYS;
  state.done = loop(state, settings, options.pollMs ?? POLL_MS, keepDays, options.database ?? getDb);
}

/** Stops after the round in flight (tests, shutdown). */
export async function stopDeliveryWorker(): Promise<void> {
  const state = holder.__concordDeliveryWorker;
  if (!state) return;
  state.stopped = true;
  state.wake();
  holder.__concordDeliveryWorker = undefined;
  await state.done;
}

/** Called after this process wrote events, so they go out now rather than at the next poll. */
export function wakeDeliveryWorker(): void {
  holder.__concordDeliveryWorker?.wake();
}

async function loop(state: WorkerState, settings: DeliverySettings, pollMs: number, keepDays: number, database: () => Promise<Executor>): Promise<void> {
  let analyzedAt = 0;
  let prunedAt = 0;
  while (!state.stopped) {
    let pause = pollMs;
    try {
      const db = await database();
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        const pruned = await pruneDeliveryLog(db, keepDays);
        if (pruned > 0) console.log(`Concord: ${pruned} event(s) delivered more than ${keepDays} days ago left the delivery log.`);
      }
      const round = await deliverDueEvents(db, settings);
      if (round.failed > 0) console.log(`Concord: ${round.failed} webhook event(s) given up after their last attempt.`);
      if (round.claimMs > slowClaimMs && Date.now() - analyzedAt > ANALYZE_EVERY_MS) {
        analyzedAt = Date.now();
        await refreshOutboxStatistics(db);
      }
      // A full batch means more may be due: go again at once.
      if (round.claimed >= settings.batchSize) pause = 0;
    } catch (error) {
      console.error('Concord: the delivery worker could not send events:', error instanceof Error ? error.message : error);
      pause = ERROR_PAUSE_MS;
    }
    if (state.woken) pause = 0;
    state.woken = false;
    if (pause > 0 && !state.stopped) await sleep(state, pause);
  }
}

/** Outside a sleep, a wake-up is only noted: the loop then skips its next pause. */
const remember = (state: WorkerState) => () => {
  state.woken = true;
};

function sleep(state: WorkerState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.wake = remember(state);
      resolve();
    };
    state.timer = setTimeout(finish, ms);
    state.timer.unref();
    state.wake = finish;
  });
}
