import { sql, type SQL } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { identityLifecycle, identityStatus } from './enums';

/** The one normalisation of a matchable value, shared by identities and accounts: trimmed, case-folded (lib/matching `normalise`). */
export const normalised = (column: AnyPgColumn | SQL): SQL => sql`lower(btrim(coalesce(${column}, ''), E' \\t\\r\\n'))`;

/** `normalised` of a column named in a hand-written statement: normalisedColumn('s.username'). */
export const normalisedColumn = (column: string): SQL => normalised(sql.raw(column));

export const identities = pgTable(
  'identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username'),
    email: text('email'),
    displayName: text('display_name'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    employeeId: text('employee_id'),
    groups: text('groups').array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
    normUsername: text('norm_username').generatedAlwaysAs((): SQL => normalised(identities.username)),
    normEmail: text('norm_email').generatedAlwaysAs((): SQL => normalised(identities.email)),
    normEmployeeId: text('norm_employee_id').generatedAlwaysAs((): SQL => normalised(identities.employeeId)),
    normDisplayName: text('norm_display_name').generatedAlwaysAs((): SQL => normalised(identities.displayName)),
    status: identityStatus('status').notNull().default('active'),
    lifecycle: identityLifecycle('lifecycle').notNull().default('current'),
    /** The source application that created it; a source only ever changes the identities it created. */
    sourceApplicationId: uuid('source_application_id').references(() => applications.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('identities_norm_username_key').on(t.normUsername).where(sql`${t.normUsername} <> ''`),
    index('identities_norm_email_idx').on(t.normEmail),
    index('identities_norm_employee_id_idx').on(t.normEmployeeId),
    index('identities_norm_display_name_idx').on(t.normDisplayName),
    // The reconciliation table sorted by user walks this in order (lib/data/reconciliation.ts).
    index('identities_sort_name_idx').on(sql`lower(${t.displayName}) collate "C"`),
    index('identities_search_trgm_idx').using(
      'gin',
      sql`(coalesce(${t.displayName}, '') || ' ' || coalesce(${t.email}, '') || ' ' || coalesce(${t.username}, '')) gin_trgm_ops`,
    ),
  ],
);
