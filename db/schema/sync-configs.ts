import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { feedFormat, importStatus, importTrigger } from './enums';
import { imports } from './imports';

/** A source application's scheduled pull (seed 001): where its feed comes from and how often. */
export const syncConfigs = pgTable(
  'sync_configs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    format: feedFormat('format'),
    /** minutes between two pulls */
    intervalMinutes: integer('interval_minutes').notNull().default(1440),
    enabled: boolean('enabled').notNull().default(true),
    /** private and loopback addresses are refused unless this is set */
    allowPrivateNetwork: boolean('allow_private_network').notNull().default(false),
    /** optional Authorization header value sent with the pull */
    authorization: text('authorization'),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastImportId: uuid('last_import_id').references(() => imports.id, { onDelete: 'set null' }),
    lastError: text('last_error'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sync_configs_application_key').on(t.applicationId)],
);

/**
 * Every run of a scheduled pull, failed ones included: a pull that fails before there are bytes
 * (refused address, timeout, HTTP error) has no import, and would otherwise leave no trace but the
 * configuration's last error. `status` is `running` until it ends, then its import's status, or
 * `failed`.
 */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    /** `schedule` or `manual` ("Sync now") */
    trigger: importTrigger('trigger').notNull(),
    actor: text('actor').notNull(),
    url: text('url').notNull(),
    status: importStatus('status').notNull().default('running'),
    importId: uuid('import_id').references(() => imports.id, { onDelete: 'set null' }),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('sync_runs_application_started_idx').on(t.applicationId, t.startedAt)],
);
