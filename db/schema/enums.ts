import { pgEnum } from 'drizzle-orm/pg-core';
import {
  accountStatuses,
  adminRoles,
  applicationRoles,
  changeKinds,
  deliveryStatuses,
  feedFormats,
  identityLifecycles,
  identityStatuses,
  importStatuses,
  importTriggers,
  linkStatuses,
  logLevels,
  situations,
} from '@/lib/enums';

export * from '@/lib/enums';

export const adminRole = pgEnum('admin_role', adminRoles);
export const applicationRole = pgEnum('application_role', applicationRoles);
export const feedFormat = pgEnum('feed_format', feedFormats);
export const importStatus = pgEnum('import_status', importStatuses);
export const importTrigger = pgEnum('import_trigger', importTriggers);
export const logLevel = pgEnum('log_level', logLevels);
export const accountStatus = pgEnum('account_status', accountStatuses);
export const situation = pgEnum('situation', situations);
export const linkStatus = pgEnum('link_status', linkStatuses);
export const identityStatus = pgEnum('identity_status', identityStatuses);
export const identityLifecycle = pgEnum('identity_lifecycle', identityLifecycles);
export const changeKind = pgEnum('change_kind', changeKinds);
export const deliveryStatus = pgEnum('delivery_status', deliveryStatuses);
