import { integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applicationRole } from './enums';

/** One attribute pair of a matching rule: account attribute = identity attribute, both normalised. */
export type MatchingRule = { account: MatchAttribute; identity: MatchAttribute };
export const matchAttributes = ['email', 'username', 'employeeId', 'displayName'] as const;
export type MatchAttribute = (typeof matchAttributes)[number];

/** The control file: which input field feeds which account attribute. See lib/feeds/mapping.ts. */
export type FieldMapping = {
  /** account attribute -> input field name */
  fields: Record<string, string>;
  /** account attributes a row must have, else it is rejected */
  required: string[];
  /** how a multi-valued input field (groups) splits */
  multiValueSeparator: string;
  /** input fields deliberately not imported: no warning for them */
  ignored: string[];
};

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    role: applicationRole('role').notNull(),
    matchingRules: jsonb('matching_rules').$type<MatchingRule[]>().notNull(),
    mapping: jsonb('mapping').$type<FieldMapping | null>(),
    /** share of active accounts a feed may remove before the safeguard holds it (0..1) */
    safeguardThreshold: real('safeguard_threshold').notNull().default(0.2),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('applications_slug_key').on(t.slug)],
);
