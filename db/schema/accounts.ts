import { sql, type SQL } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { accountStatus, linkStatus, situation } from './enums';
import { normalised } from './identities';

/** An application's account as last received. `key` is its username, unique per application. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No foreign keys on accounts: Postgres checks one per inserted row (1.8 s of a 100,000-account feed).
    // Accounts are written only by the import pipeline and the account actions, which take both ids
    // from the rows they join or check; deleteApplication removes an application's accounts itself,
    // and identities are never deleted (they are blocked).
    applicationId: uuid('application_id').notNull(),
    key: text('key').notNull(),
    username: text('username'),
    email: text('email'),
    displayName: text('display_name'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    employeeId: text('employee_id'),
    groups: text('groups').array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
    /** md5 of the mapped attributes (import-pipeline/attr-hash): an unchanged row is never rewritten. */
    attrHash: text('attr_hash').notNull(),
    normUsername: text('norm_username').generatedAlwaysAs((): SQL => normalised(accounts.username)),
    normEmail: text('norm_email').generatedAlwaysAs((): SQL => normalised(accounts.email)),
    normEmployeeId: text('norm_employee_id').generatedAlwaysAs((): SQL => normalised(accounts.employeeId)),
    normDisplayName: text('norm_display_name').generatedAlwaysAs((): SQL => normalised(accounts.displayName)),
    /** What the account is called in the table: display name, else e-mail, else key. */
    label: text('label').generatedAlwaysAs(
      (): SQL => sql`coalesce(nullif(btrim(${accounts.displayName}), ''), nullif(btrim(${accounts.email}), ''), ${accounts.key})`,
    ),
    status: accountStatus('status').notNull().default('active'),
    situation: situation('situation').notNull().default('no_match'),
    linkStatus: linkStatus('link_status').notNull().default('unlinked'),
    linkedIdentityId: uuid('linked_identity_id'),
    /** Candidates found by the first matching rule that found any, and that rule's index. */
    candidateIds: uuid('candidate_ids').array().notNull().default(sql`'{}'::uuid[]`),
    matchedRule: smallint('matched_rule'),
    /** True once an admin acted on it (assign, create, confirm, unlink, ignore): matching proposes no link then. */
    settled: boolean('settled').notNull().default(false),
    version: integer('version').notNull().default(1),
    firstSeenImportId: uuid('first_seen_import_id'),
    lastChangedImportId: uuid('last_changed_import_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_application_key_key').on(t.applicationId, t.key),
    // Every index costs each of a feed's 100,000 new rows an insertion: only what the table and the
    // actions read is kept (matching joins accounts to identities by hash, never by these columns).
    // The facets index serves the Situation filter, "Confirm all" and the faceted counts (index-only).
    index('accounts_active_facets_idx').on(t.applicationId, t.situation, t.linkStatus).where(sql`${t.status} = 'active'`),
    // The table sorted by account (page 500 skips 24,950 rows): active accounts only, and `label` itself as
    // a trailing column (never decides the order: id is unique), so the page's ids are read index-only;
    // Postgres does not read an expression (lower(label)) from an index without the column it is made of.
    index('accounts_application_label_idx')
      .on(t.applicationId, sql`lower(${t.label}) collate "C"`, t.id, t.label)
      .where(sql`${t.status} = 'active'`),
    index('accounts_linked_identity_idx').on(t.linkedIdentityId),
    // The search: the application (btree_gin) beside the trigrams, so that a search reads the posting
    // lists of its own application's matches only, not those of every application's accounts.
    index('accounts_application_search_trgm_idx').using(
      'gin',
      t.applicationId,
      sql`(coalesce(${t.displayName}, '') || ' ' || coalesce(${t.email}, '') || ' ' || coalesce(${t.username}, '') || ' ' || ${t.key}) gin_trgm_ops`,
    ),
  ],
);

/**
 * The reconciliation table's facet counts without scanning the accounts: signed changes to the number
 * of active accounts per application, situation and link status, written by statement-level triggers
 * on accounts (migration 0009) and summed when read. Only ever inserted into, so concurrent actions
 * never wait on a shared counter row; an import (and a read that finds many rows) folds an
 * application's rows into one per combination.
 */
export const accountFacetDeltas = pgTable(
  'account_facet_deltas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    situation: situation('situation').notNull(),
    linkStatus: linkStatus('link_status').notNull(),
    delta: integer('delta').notNull(),
  },
  (t) => [index('account_facet_deltas_application_idx').on(t.applicationId)],
);
