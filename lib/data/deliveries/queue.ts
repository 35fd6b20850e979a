import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';

/**
 * The delivery worker's side of the outbox: claim due events, record what their tries came to.
 * Claims are `FOR UPDATE SKIP LOCKED` plus a lease, so several server processes (or a restarted
 * one) share the work without sending an event twice at the same time; a lease that expires (a
 * crashed worker) makes its events claimable again.
 */

/** A claimed event with everything needed to send it. */
export type ClaimedEvent = {
  id: string;
  type: string;
  payload: { identity?: unknown; assignment?: unknown; changes?: unknown } & Record<string, unknown>;
  createdAt: Date;
  /** tries so far (since the last Redeliver) */
  attempts: number;
  applicationId: string;
  applicationSlug: string;
  url: string;
  secret: string;
  maxAttempts: number;
  allowPrivateNetwork: boolean;
};

export type ClaimOptions = {
  owner: string;
  batchSize: number;
  /** at most this many events of one application per batch, so a slow receiver cannot fill a batch */
  perApplication: number;
  leaseMs: number;
};

/**
 * Claims up to `batchSize` due events. An event is due when it is pending, its next try has come,
 * nobody holds a live lease on it, its application has an enabled endpoint, and no earlier event of
 * the same (application, identity) is still pending — events of one identity go out in order.
 */
export async function claimDueEvents(db: Executor, options: ClaimOptions): Promise<ClaimedEvent[]> {
  const { rows } = await run<ClaimedEvent & { createdAt: string | Date }>(
    db,
    sql`with locked as (
          -- Per enabled endpoint, its oldest due events (an application without one is never scanned).
          select e.id, e.application_id, e.seq
          from webhook_endpoints w
          cross join lateral (
            select c.id, c.application_id, c.seq
            from outbox_events c
            where c.application_id = w.application_id and c.status = 'pending' and c.next_attempt_at <= now()
              and (c.lease_expires_at is null or c.lease_expires_at < now())
              and not exists (
                select 1 from outbox_events p
                where p.application_id = c.application_id and p.identity_id = c.identity_id and p.status = 'pending' and p.seq < c.seq)
            order by c.seq
            limit ${options.perApplication}
            for update skip locked
          ) e
          where w.enabled
        ),
        chosen as (select id from locked order by seq limit ${options.batchSize})
        update outbox_events o
        set lease_owner = ${options.owner}, lease_expires_at = now() + ${options.leaseMs} * interval '1 millisecond'
        from chosen, webhook_endpoints w, applications a
        where o.id = chosen.id and w.application_id = o.application_id and a.id = o.application_id
        returning o.id, o.type, o.payload, o.created_at as "createdAt", o.attempts, o.application_id as "applicationId",
                  a.slug as "applicationSlug", w.url, w.secret, w.max_attempts as "maxAttempts", w.allow_private_network as "allowPrivateNetwork"`,
  );
  return rows
    .map((row) => ({ ...row, createdAt: new Date(row.createdAt), attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts) }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** One try's outcome, with when to try again should it have failed. */
export type TryResult = {
  id: string;
  url: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: Date;
  retryInMs: number;
};

/**
 * Records a batch of tries in one statement: each event becomes delivered, pending again (its next
 * try after `retryInMs`) or failed once the endpoint's maximum number of attempts is reached; each
 * try is added to the delivery log. Only events this worker still holds are touched.
 */
export async function recordTries(db: Executor, owner: string, results: TryResult[]): Promise<void> {
  if (results.length === 0) return;
  const rows = results.map((r) => ({
    id: r.id,
    url: r.url,
    ok: r.ok,
    status_code: r.statusCode,
    error: r.error,
    duration_ms: r.durationMs,
    attempted_at: r.attemptedAt.toISOString(),
    retry_in_ms: Math.max(0, Math.round(r.retryInMs)),
  }));
  await run(
    db,
    sql`with r as (
          select * from json_to_recordset(${JSON.stringify(rows)}::json)
            as r(id uuid, url text, ok boolean, status_code int, error text, duration_ms int, attempted_at timestamptz, retry_in_ms bigint)
        ),
        updated as (
          update outbox_events o
          set attempts = o.attempts + 1,
              last_attempt_at = r.attempted_at,
              last_status_code = r.status_code,
              last_error = r.error,
              status = case when r.ok then 'delivered'
                            -- the endpoint's current setting; no endpoint any more: keep it pending
                            when o.attempts + 1 >= coalesce((select w.max_attempts from webhook_endpoints w where w.application_id = o.application_id), 2147483647) then 'failed'
                            else 'pending' end::delivery_status,
              delivered_at = case when r.ok then r.attempted_at else o.delivered_at end,
              next_attempt_at = case when r.ok then o.next_attempt_at else r.attempted_at + r.retry_in_ms * interval '1 millisecond' end,
              lease_owner = null,
              lease_expires_at = null
          from r
          where o.id = r.id and o.lease_owner = ${owner}
          returning o.id, o.application_id, o.attempts
        )
        insert into delivery_attempts (event_id, application_id, attempt, url, attempted_at, ok, status_code, error, duration_ms)
        select u.id, u.application_id, u.attempts, r.url, r.attempted_at, r.ok, r.status_code, r.error, r.duration_ms
        from updated u join r on r.id = u.id`,
  );
}
