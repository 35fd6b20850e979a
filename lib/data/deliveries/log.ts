import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { run } from '@/db/sql';
import type { DeliveryStatus } from '@/lib/enums';
import { AppFailure, catchFailure, type Result } from '@/lib/errors';
import { wakeDeliveryWorker } from '@/lib/webhooks/worker';
import { authorize } from '../actor';
import type { DataContext } from '../context';
import { findApplication } from '../sync-configs';
import { auditWebhook } from './endpoints';
import { HEALTH_DAYS } from './retention';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The type of the event "Send test event" writes; it carries no identity. */
export const testEventType = 'concord.test';

/** One event in an application's delivery log (or an identity's events). */
export type DeliveryLogEntry = {
  id: string;
  type: string;
  identityId: string | null;
  identityName: string | null;
  applicationSlug: string;
  applicationName: string;
  createdAt: Date;
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
};

export type DeliverySort = 'createdAt' | 'lastAttemptAt' | 'attempts';
export type DeliveryLogQuery = {
  /** searches the event type and the identity's name, username and e-mail */
  q?: string;
  statuses: DeliveryStatus[];
  sort: DeliverySort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
};
export type DeliveryLogPage = { entries: DeliveryLogEntry[]; total: number; counts: Record<DeliveryStatus, number> };

const sortColumns: Record<DeliverySort, SQL> = {
  createdAt: sql`e.seq`,
  lastAttemptAt: sql`e.last_attempt_at`,
  attempts: sql`e.attempts`,
};

const selectEntry = sql`
  select e.id, e.type, e.identity_id as "identityId", coalesce(i.display_name, i.username, i.email) as "identityName",
         a.slug as "applicationSlug", a.name as "applicationName", e.created_at as "createdAt", e.status, e.attempts,
         e.last_attempt_at as "lastAttemptAt", e.last_status_code as "lastStatusCode", e.last_error as "lastError",
         e.delivered_at as "deliveredAt", e.next_attempt_at as "nextAttemptAt"
  from outbox_events e
  join applications a on a.id = e.application_id
  left join identities i on i.id = e.identity_id`;

type EntryRow = Omit<DeliveryLogEntry, 'createdAt' | 'lastAttemptAt' | 'deliveredAt' | 'nextAttemptAt'> & {
  createdAt: string | Date;
  lastAttemptAt: string | Date | null;
  deliveredAt: string | Date | null;
  nextAttemptAt: string | Date;
};

const toDate = (value: string | Date | null) => (value === null ? null : new Date(value));

function toEntry(row: EntryRow): DeliveryLogEntry {
  return {
    ...row,
    attempts: Number(row.attempts),
    lastStatusCode: row.lastStatusCode === null ? null : Number(row.lastStatusCode),
    createdAt: new Date(row.createdAt),
    lastAttemptAt: toDate(row.lastAttemptAt),
    deliveredAt: toDate(row.deliveredAt),
    nextAttemptAt: new Date(row.nextAttemptAt),
  };
}

/** An application's events with their delivery state, filtered by status, sorted and paged in the database. */
export async function listDeliveries(ctx: DataContext, slug: string, query: DeliveryLogQuery): Promise<DeliveryLogPage> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const app = await findApplication(ctx.db, slug);
  const statusFilter = query.statuses.length > 0 ? sql`and e.status::text in (${sql.join(query.statuses.map((s) => sql`${s}`), sql`, `)})` : sql``;
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const search = pattern
    ? sql`and (e.type ilike ${pattern} or i.display_name ilike ${pattern} or i.username ilike ${pattern} or i.email ilike ${pattern})`
    : sql``;
  const direction = query.dir === 'asc' ? sql`asc nulls first` : sql`desc nulls last`;
  const [entries, counts] = await Promise.all([
    run<EntryRow>(
      ctx.db,
      sql`${selectEntry} where e.application_id = ${app.id} ${search} ${statusFilter}
          order by ${sortColumns[query.sort]} ${direction}, e.seq desc
          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    run<{ status: DeliveryStatus; n: number }>(
      ctx.db,
      sql`select e.status, count(*)::int as n from outbox_events e left join identities i on i.id = e.identity_id
          where e.application_id = ${app.id} ${search} group by e.status`,
    ),
  ]);
  const byStatus: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
  for (const row of counts.rows) byStatus[row.status] = Number(row.n);
  const total = query.statuses.length > 0 ? query.statuses.reduce((sum, s) => sum + byStatus[s], 0) : byStatus.pending + byStatus.delivered + byStatus.failed;
  return { entries: entries.rows.map(toEntry), total, counts: byStatus };
}

/** An identity's latest events in every application, newest first. */
export async function listIdentityEvents(ctx: DataContext, identityId: string, limit = 50): Promise<DeliveryLogEntry[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const { rows } = await run<EntryRow>(ctx.db, sql`${selectEntry} where e.identity_id = ${identityId} order by e.seq desc limit ${limit}`);
  return rows.map(toEntry);
}

export type DeliveryDay = { day: string; delivered: number; failed: number };

/**
 * Delivery health: per day of the last `days` (UTC), the tries that were delivered and those that
 * failed (each failed try counts, so a receiver that struggles shows before events are given up).
 */
export async function deliveryHealth(ctx: DataContext, slug: string, days = HEALTH_DAYS): Promise<DeliveryDay[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const app = await findApplication(ctx.db, slug);
  const { rows } = await run<{ day: string; delivered: number; failed: number }>(
    ctx.db,
    sql`select to_char(d.day, 'YYYY-MM-DD') as day,
               count(t.id) filter (where t.ok)::int as delivered,
               count(t.id) filter (where not t.ok)::int as failed
        from generate_series((now() at time zone 'UTC')::date - ${days - 1}::int, (now() at time zone 'UTC')::date, interval '1 day') d(day)
        left join delivery_attempts t
          on t.application_id = ${app.id}
         and t.attempted_at >= d.day at time zone 'UTC' and t.attempted_at < (d.day + interval '1 day') at time zone 'UTC'
        group by d.day order by d.day`,
  );
  return rows.map((r) => ({ day: r.day, delivered: Number(r.delivered), failed: Number(r.failed) }));
}

/**
 * "Redeliver": failed or delivered events of the application become pending again with a fresh
 * count of attempts, and go out at once. Pending events are left as they are.
 */
export async function redeliverEvents(ctx: DataContext, slug: string, eventIds: string[]): Promise<Result<{ redelivered: number }>> {
  const result = await catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await findApplication(tx, slug);
      if (eventIds.length === 0 || !eventIds.every((id) => uuidPattern.test(id))) {
        throw new AppFailure({ code: 'invalid', message: 'Choose at least one event (by its id) to redeliver.', field: 'eventIds' });
      }
      const { rowCount } = await run(
        tx,
        sql`update outbox_events set status = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = null,
              lease_owner = null, lease_expires_at = null
            where application_id = ${app.id} and status in ('failed', 'delivered')
              and id = any(${`{${eventIds.join(',')}}`}::uuid[])`,
      );
      if (rowCount === 0) {
        throw new AppFailure({ code: 'conflict', message: 'Nothing to redeliver: the event is already pending (or is not one of this application).' });
      }
      await auditWebhook(tx, who.label, app, 'webhook.redeliver', `Redelivered ${rowCount === 1 ? 'an event' : `${rowCount} events`} to ${app.name}`, { after: { eventIds } });
      return { redelivered: rowCount };
    }),
  );
  if (result.ok) wakeDeliveryWorker();
  return result;
}

/** Writes a `concord.test` event for the application; it is delivered like any other. */
export async function sendTestEvent(ctx: DataContext, slug: string): Promise<Result<{ eventId: string }>> {
  const result = await catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await findApplication(tx, slug);
      const { rows } = await run<{ id: string; enabled: boolean | null }>(
        tx,
        sql`insert into outbox_events (application_id, identity_id, type, payload)
            values (${app.id}, null, ${testEventType}, ${JSON.stringify({ identity: null, assignment: null, changes: null })}::jsonb)
            returning id, (select enabled from webhook_endpoints where application_id = ${app.id}) as enabled`,
      );
      if (rows[0]!.enabled === null) {
        throw new AppFailure({ code: 'invalid', message: `${app.name} has no webhook endpoint yet: save one first.` });
      }
      await auditWebhook(tx, who.label, app, 'webhook.test', `Sent a test event to ${app.name}`);
      return { eventId: rows[0]!.id };
    }),
  );
  if (result.ok) wakeDeliveryWorker();
  return result;
}
