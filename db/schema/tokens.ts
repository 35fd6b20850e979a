import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';

/** Upload tokens: per application, shown once, stored as a SHA-256 hash. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** first characters of the token, shown in the list so admins can tell tokens apart */
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  // One secret may serve several applications (the demo token): unique per application.
  (t) => [uniqueIndex('api_tokens_application_hash_key').on(t.applicationId, t.tokenHash), index('api_tokens_hash_idx').on(t.tokenHash)],
);
