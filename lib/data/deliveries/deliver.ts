import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import type { Resolver } from '@/lib/sync/fetch-feed';
import { postWebhook } from '@/lib/webhooks/post';
import { signedHeaders } from '@/lib/webhooks/sign';
import { claimDueEvents, recordTries, type ClaimedEvent, type TryResult } from './queue';

/** How the worker sends; tests inject short times instead of sleeping. */
export type DeliverySettings = {
  /** one request, connect to last byte */
  timeoutMs: number;
  /** requests in flight at once */
  concurrency: number;
  batchSize: number;
  perApplication: number;
  /** must outlast a batch: ceil(perApplication / concurrency) waves of timeoutMs at worst */
  leaseMs: number;
  /** first retry delay; doubles with each failed try */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** identifies this worker's leases */
  owner: string;
  resolve?: Resolver;
  random?: () => number;
};

export const defaultDeliverySettings = (): DeliverySettings => ({
  timeoutMs: 10_000,
  concurrency: 8,
  batchSize: 32,
  perApplication: 8,
  leaseMs: 120_000,
  backoffBaseMs: 30_000,
  backoffMaxMs: 3_600_000,
  owner: `worker-${randomUUID()}`,
});

/**
 * Exponential backoff with jitter: base × 2^(tries − 1), at most `max`, then ±20 % so that the
 * events of a receiver that was down do not all come back in the same second.
 */
export function retryDelayMs(tries: number, settings: Pick<DeliverySettings, 'backoffBaseMs' | 'backoffMaxMs' | 'random'>): number {
  const exponential = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.max(0, tries - 1));
  const jitter = 0.8 + 0.4 * (settings.random ?? Math.random)();
  return Math.round(exponential * jitter);
}

/** The JSON a receiver gets (README "Webhooks"); the event id is also the Concord-Event-Id header. */
export function webhookBody(event: Pick<ClaimedEvent, 'id' | 'type' | 'createdAt' | 'applicationSlug' | 'payload'>): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.createdAt.toISOString(),
    application: { slug: event.applicationSlug },
    identity: event.payload.identity ?? null,
    assignment: event.payload.assignment ?? null,
    changes: event.payload.changes ?? null,
  });
}

async function tryOnce(event: ClaimedEvent, settings: DeliverySettings): Promise<TryResult> {
  const body = webhookBody(event);
  const attemptedAt = new Date();
  const outcome = await postWebhook(event.url, body, {
    headers: signedHeaders(event.secret, event.id, body, attemptedAt),
    allowPrivateNetwork: event.allowPrivateNetwork,
    timeoutMs: settings.timeoutMs,
    resolve: settings.resolve,
  });
  return { id: event.id, url: event.url, attemptedAt, ...outcome, retryInMs: retryDelayMs(event.attempts + 1, settings) };
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function eachLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export type RoundSummary = { claimed: number; delivered: number; retrying: number; failed: number; claimMs: number };

/**
 * One round of the worker: claim due events, POST them (outside any transaction, bounded
 * concurrency, each with its timeout), record the outcomes in one statement.
 */
export async function deliverDueEvents(db: Executor, settings: DeliverySettings): Promise<RoundSummary> {
  const claimStarted = performance.now();
  const events = await claimDueEvents(db, settings);
  const claimMs = Math.round(performance.now() - claimStarted);
  const results = await eachLimited(events, settings.concurrency, (event) => tryOnce(event, settings));
  await recordTries(db, settings.owner, results);
  const byId = new Map(events.map((e) => [e.id, e]));
  const givenUp = (r: TryResult) => !r.ok && byId.get(r.id)!.attempts + 1 >= byId.get(r.id)!.maxAttempts;
  return {
    claimMs,
    claimed: events.length,
    delivered: results.filter((r) => r.ok).length,
    failed: results.filter(givenUp).length,
    retrying: results.filter((r) => !r.ok && !givenUp(r)).length,
  };
}

/** A claim slower than this means the planner works from stale statistics (a bulk of events since the last ANALYZE). */
export const slowClaimMs = 250;

/**
 * Refreshes the outbox's statistics. Postgres' autovacuum would in time, embedded PGlite never does;
 * with stale figures the claim sorts every pending event instead of walking its index.
 */
export async function refreshOutboxStatistics(db: Executor): Promise<void> {
  // Only the columns the claim filters and orders on: sampling the JSON payloads would cost seconds.
  await run(db, sql`analyze outbox_events (application_id, identity_id, status, seq, next_attempt_at, lease_expires_at)`);
}
