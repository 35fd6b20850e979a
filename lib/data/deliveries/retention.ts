import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';

/** Days of tries the delivery health chart shows: the log never keeps fewer. */
export const HEALTH_DAYS = 14;

/** Delivered events deleted per statement, so that pruning never holds many row locks for long. */
const PRUNE_BATCH = 5_000;

/**
 * Keeps the delivery log from growing for good: events delivered more than `keepDays` ago leave the
 * outbox, and their tries (delivery_attempts) with them. Pending events are still to be sent and
 * failed ones wait for an admin's Redeliver, so both stay however old. Deletes a batch at a time,
 * each its own statement, until none is left; returns how many events went.
 *
 * A delivered event was last due before it was delivered (next_attempt_at ≤ delivered_at), so the
 * outbox's (status, next_attempt_at) index finds the old ones without reading the rest.
 */
export async function pruneDeliveryLog(db: Executor, keepDays: number, batch = PRUNE_BATCH): Promise<number> {
  if (!Number.isInteger(keepDays) || keepDays < HEALTH_DAYS) throw new RangeError(`The delivery log keeps at least ${HEALTH_DAYS} days (asked: ${keepDays}).`);
  const cutoff = sql`now() - ${`${keepDays} days`}::interval`;
  let pruned = 0;
  for (;;) {
    const { rows } = await run<{ n: number }>(
      db,
      sql`with old as (
            select id from outbox_events
            where status = 'delivered' and next_attempt_at < ${cutoff} and delivered_at < ${cutoff}
            limit ${batch}
          ),
          gone as (delete from outbox_events e using old where e.id = old.id returning 1)
          select count(*)::int as n from gone`,
    );
    const n = rows[0]?.n ?? 0;
    pruned += n;
    if (n < batch) return pruned;
  }
}
