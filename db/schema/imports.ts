import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { changeKind, feedFormat, importStatus, importTrigger, logLevel } from './enums';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** The original bytes of a feed, stored once per application and hash, so "download the original" always works. */
export const feeds = pgTable(
  'feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    format: feedFormat('format').notNull(),
    fileName: text('file_name'),
    byteSize: integer('byte_size').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('feeds_application_sha256_key').on(t.applicationId, t.sha256, t.format)],
);

export type ImportCounts = {
  rowsTotal: number;
  rowsRejected: number;
  rowsIgnored: number;
  accountsAdded: number;
  accountsUpdated: number;
  accountsRemoved: number;
  accountsRestored: number;
  accountsUnchanged: number;
  identitiesCreated: number;
  identitiesUpdated: number;
  identitiesBlocked: number;
  identitiesUnblocked: number;
  warnings: number;
  errors: number;
};

/** One processing of one feed: a sync run. The table is also the job queue (queued → running → done). */
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    feedId: uuid('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    status: importStatus('status').notNull().default('queued'),
    trigger: importTrigger('trigger').notNull(),
    /** e-mail of the admin, or "token:<name>", or "schedule" */
    actor: text('actor').notNull(),
    format: feedFormat('format').notNull(),
    counts: jsonb('counts').$type<ImportCounts>(),
    error: text('error'),
    rowsDone: integer('rows_done').notNull().default(0),
    rowsTotal: integer('rows_total'),
    /** the client's Idempotency-Key: a retried request with the same key gets the same import */
    idempotencyKey: text('idempotency_key'),
    /** sha256 of the request body and options, to refuse the same key reused for another request */
    requestHash: text('request_hash'),
    /** preview only: staged and diffed, never applied */
    dryRun: boolean('dry_run').notNull().default(false),
    /** stage and plan only, for an admin to apply or discard (a browser upload, a dry run); else applied unless held */
    preview: boolean('preview').notNull().default(false),
    /** why the safeguard held it, and who overrode it */
    holdReason: text('hold_reason'),
    /**
     * What the feed was read against (import-pipeline/known-accounts): the fingerprint of the
     * application's active accounts then, and the digests (8 bytes each) of those no row repeated
     * unchanged. Rows that repeat an account unchanged are not staged.
     */
    knownFingerprint: text('known_fingerprint'),
    unrepeatedDigests: bytea('unrepeated_digests'),
    overriddenBy: text('overridden_by'),
    /** the job queue: the worker holding the import and until when its lease runs */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('imports_application_created_idx').on(t.applicationId, t.createdAt),
    index('imports_status_idx').on(t.status),
    /** the queue: the oldest queued import first */
    index('imports_queued_idx').on(t.createdAt).where(sql`${t.status} = 'queued'`),
    uniqueIndex('imports_idempotency_key').on(t.applicationId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);

export const importLogs = pgTable(
  'import_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id').notNull(),
    /** 1-based data row of the feed (the header is row 0), null for messages about the whole feed */
    row: integer('row'),
    field: text('field'),
    level: logLevel('level').notNull(),
    message: text('message').notNull(),
  },
  (t) => [index('import_logs_import_idx').on(t.importId, t.row)],
);

/*
 * import_logs, import_changes and import_rows are append-only records written in bulk by the import
 * pipeline (100,000 rows per feed and more). They carry no foreign keys: a per-row constraint
 * trigger would double the cost of writing them. They are removed with their application by
 * deleteApplication (lib/data/applications.ts).
 */

/** Per-account changes an import made, with field-level before and after. */
export const importChanges = pgTable(
  'import_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id').notNull(),
    accountId: uuid('account_id'),
    key: text('key').notNull(),
    kind: changeKind('kind').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
  },
  (t) => [index('import_changes_import_idx').on(t.importId, t.kind), index('import_changes_account_idx').on(t.accountId)],
);

/** Rows of a feed as staged for an import: what was received for each account, kept for account detail. */
export const importRows = pgTable(
  'import_rows',
  {
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    key: text('key'),
    username: text('username'),
    email: text('email'),
    displayName: text('display_name'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    employeeId: text('employee_id'),
    groups: text('groups').array(),
    attributes: jsonb('attributes').$type<Record<string, string>>(),
    attrHash: text('attr_hash'),
  },
  (t) => [index('import_rows_import_key_idx').on(t.importId, t.key, t.row)],
);
