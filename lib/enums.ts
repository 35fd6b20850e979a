/**
 * The domain's enumerations: the single source of every filter's options and status label, shared
 * by the database schema (db/schema/enums.ts turns them into Postgres enums), the server and the browser.
 */
export const adminRoles = ['admin', 'viewer'] as const;
export const applicationRoles = ['source', 'target'] as const;
export const feedFormats = ['csv', 'tsv', 'json', 'jsonl', 'xml-children', 'xml-attributes'] as const;
/**
 * An import's life: queued → running (parsing and staging) → staged (a preview awaiting Apply or
 * Discard) or held (the safeguard stopped it) → running (applying) → succeeded | partial | failed;
 * a staged or held import an admin discards ends discarded.
 */
export const importStatuses = ['queued', 'running', 'staged', 'held', 'succeeded', 'partial', 'failed', 'discarded'] as const;
export const importTriggers = ['upload', 'api', 'schedule', 'manual'] as const;
export const logLevels = ['info', 'warning', 'error'] as const;
export const accountStatuses = ['active', 'removed'] as const;
export const situations = ['no_match', 'exact_match', 'multiple_matches', 'manually_linked'] as const;
export const linkStatuses = ['unlinked', 'needs_confirmation', 'linked', 'ignored'] as const;
export const identityStatuses = ['active', 'blocked'] as const;
export const identityLifecycles = ['current', 'past'] as const;
export const changeKinds = ['add', 'update', 'remove', 'restore'] as const;
/** An outbox event's delivery: pending (waiting or retrying) → delivered | failed (given up; Redeliver makes it pending again). */
export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;

export type AdminRole = (typeof adminRoles)[number];
export type ApplicationRole = (typeof applicationRoles)[number];
export type FeedFormat = (typeof feedFormats)[number];
export type ImportStatus = (typeof importStatuses)[number];
export type ImportTrigger = (typeof importTriggers)[number];
export type LogLevel = (typeof logLevels)[number];
export type AccountStatus = (typeof accountStatuses)[number];
export type Situation = (typeof situations)[number];
export type LinkStatus = (typeof linkStatuses)[number];
export type IdentityStatus = (typeof identityStatuses)[number];
export type ChangeKind = (typeof changeKinds)[number];
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** Issue 5, access: how an identity came to be assigned to an application, and where it stands there. */
export const assignmentOrigins = ['manual', 'rule'] as const;
export const assignmentStatuses = ['active', 'suspended'] as const;
/** A licence: provisioned identities arrive invited; activation makes them active, or waiting when none is free. */
export const licenceStates = ['invited', 'waiting', 'active'] as const;
/** How an entitlement rule's optional condition compares an attribute (trimmed, case-folded) with its value. */
export const ruleOperators = ['equals', 'not_equals', 'contains', 'starts_with', 'ends_with', 'present'] as const;

export type AssignmentOrigin = (typeof assignmentOrigins)[number];
export type AssignmentStatus = (typeof assignmentStatuses)[number];
export type LicenceState = (typeof licenceStates)[number];
export type RuleOperator = (typeof ruleOperators)[number];
