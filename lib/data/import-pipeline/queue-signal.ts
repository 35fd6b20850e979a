import 'server-only';
import { EventEmitter } from 'node:events';

/**
 * In-process news of the import queue: "an import was queued here" wakes this process's worker at
 * once, and "an import settled here" lets a request waiting for it answer at once. Work queued or
 * settled by other instances is found by polling the database; this only saves the wait.
 * On globalThis: Next.js may load this module more than once (instrumentation, route bundles), and
 * they must all share one emitter.
 */
const holder = globalThis as typeof globalThis & { __concordImportQueue?: EventEmitter };

function emitter(): EventEmitter {
  if (!holder.__concordImportQueue) {
    holder.__concordImportQueue = new EventEmitter();
    // Every waiting API request listens; their number is bounded by the requests in flight, not a leak.
    holder.__concordImportQueue.setMaxListeners(0);
  }
  return holder.__concordImportQueue;
}

export function signalQueued(): void {
  emitter().emit('queued');
}

export function signalSettled(importId: string): void {
  emitter().emit('settled', importId);
}

/** Calls `listener` on every import queued in this process; returns the unsubscribe. */
export function onQueued(listener: () => void): () => void {
  emitter().on('queued', listener);
  return () => emitter().off('queued', listener);
}

/** Calls `listener` with the id of every import settled in this process; returns the unsubscribe. */
export function onSettled(listener: (importId: string) => void): () => void {
  emitter().on('settled', listener);
  return () => emitter().off('settled', listener);
}
