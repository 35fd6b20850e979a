import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { feedFormat } from './enums';
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
