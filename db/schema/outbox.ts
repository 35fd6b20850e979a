import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { deliveryStatus } from './enums';
import { identities } from './identities';

/**
 * The outbox (issue 5): one row per event per assigned application, written in the same transaction
 * as the change that caused it (producers insert only application_id, identity_id, type and payload).
 * The delivery worker sends it to the application's webhook endpoint until delivered or given up.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    /** the event id receivers de-duplicate on (header Concord-Event-Id) */
    id: uuid('id').primaryKey().defaultRandom(),
    /** insertion order, also within one transaction: events of one (application, identity) go out in this order */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    identityId: uuid('identity_id').references(() => identities.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    status: deliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** the worker holding the event while it is being sent; an expired lease is claimable again */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_events_status_next_idx').on(t.status, t.nextAttemptAt),
    index('outbox_events_application_created_idx').on(t.applicationId, t.createdAt),
    index('outbox_events_identity_created_idx').on(t.identityId, t.createdAt),
    // The per-(application, identity) ordering check looks only at pending events.
    index('outbox_events_pending_pair_idx').on(t.applicationId, t.identityId, t.seq).where(sql`${t.status} = 'pending'`),
    // The worker's claim walks each endpoint's pending events in order (lib/data/deliveries/queue.ts).
    index('outbox_events_pending_application_seq_idx').on(t.applicationId, t.seq).where(sql`${t.status} = 'pending'`),
  ],
);

/** An application's webhook: where its events go and with which secret they are signed. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** HMAC-SHA256 key; kept in clear because every delivery is signed with it (shown once to the admin) */
  secret: text('secret').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** tries before an event is given up ('failed') */
  maxAttempts: integer('max_attempts').notNull().default(8),
  /** private and loopback addresses are refused unless this is set */
  allowPrivateNetwork: boolean('allow_private_network').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The delivery log: every try of every event, with its outcome. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => outboxEvents.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    /** 1 for the first try of the event */
    attempt: integer('attempt').notNull(),
    url: text('url').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('delivery_attempts_event_idx').on(t.eventId, t.attempt), index('delivery_attempts_application_time_idx').on(t.applicationId, t.attemptedAt)],
);
