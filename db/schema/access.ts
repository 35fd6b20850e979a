import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assignmentOrigins, assignmentStatuses, licenceStates, ruleOperators } from '@/lib/enums';
import { applications } from './applications';
import { identities } from './identities';

export const assignmentOrigin = pgEnum('assignment_origin', assignmentOrigins);
export const assignmentStatus = pgEnum('assignment_status', assignmentStatuses);
export const licenceState = pgEnum('licence_state', licenceStates);
export const ruleOperator = pgEnum('rule_operator', ruleOperators);

/**
 * Per application: rules that grant a role to the members of a group (seed 002), optionally only
 * where an attribute (a standard field or a feed's custom attribute) meets a condition. The enabled
 * rule with the lowest priority number that matches an identity wins.
 */
export const entitlementRules = pgTable(
  'entitlement_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    priority: integer('priority').notNull(),
    /** null: every identity (then a condition is required) */
    groupName: text('group_name'),
    conditionAttribute: text('condition_attribute'),
    conditionOperator: ruleOperator('condition_operator'),
    conditionValue: text('condition_value'),
    grantsRole: text('grants_role').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('entitlement_rules_application_idx').on(t.applicationId, t.priority)],
);

/**
 * An identity assigned to a target application: only assigned identities are ever pushed to it.
 * A rule-made assignment no rule applies to any more is suspended, never deleted.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identityId: uuid('identity_id').notNull().references(() => identities.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    origin: assignmentOrigin('origin').notNull(),
    status: assignmentStatus('status').notNull().default('active'),
    /** the role or entitlement granted (by the winning rule, or by hand) */
    role: text('role'),
    ruleId: uuid('rule_id').references(() => entitlementRules.id, { onDelete: 'set null' }),
    licenceState: licenceState('licence_state').notNull().default('invited'),
    activationRequestedAt: timestamp('activation_requested_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assignments_identity_application_key').on(t.identityId, t.applicationId),
    index('assignments_application_status_idx').on(t.applicationId, t.status),
    index('assignments_licence_queue_idx').on(t.applicationId, t.licenceState, t.activationRequestedAt),
    index('assignments_rule_idx').on(t.ruleId).where(sql`${t.ruleId} is not null`),
  ],
);
