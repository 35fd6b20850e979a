import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applicationRole } from './enums';

import type { MatchingRule } from '@/lib/matching/rules';

/** The control file (lib/feeds/mapping.ts `FieldMapping`): which input field feeds which account attribute. */
export type StoredFieldMapping = {
  fields: Record<string, string>;
  required: string[];
  multiValueSeparator: string;
  ignored: string[];
  leavers?: { attribute: string; values: string[] };
};

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    role: applicationRole('role').notNull(),
    matchingRules: jsonb('matching_rules').$type<MatchingRule[]>().notNull(),
    mapping: jsonb('mapping').$type<StoredFieldMapping | null>(),
    /** share of active accounts a feed may remove before the safeguard holds it (0..1) */
    safeguardThreshold: real('safeguard_threshold').notNull().default(0.2),
    /** licences the application has (seed 001); null: unlimited */
    licenceLimit: integer('licence_limit'),
    /**
     * A source's managed groups (seed 004): every group its feeds have listed. Its imports add and remove
     * membership of these groups only; any other group of an identity (added by hand, by another source) is kept.
     */
    managedGroups: text('managed_groups').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('applications_slug_key').on(t.slug)],
);
