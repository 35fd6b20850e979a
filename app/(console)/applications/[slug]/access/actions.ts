'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { assignIdentities, identitySelectionSchema, unassignIdentities } from '@/lib/data/assignments';
import { createRule, deleteRule, updateRule } from '@/lib/data/entitlements';
import { deactivateLicences, requestLicences, setLicenceLimit } from '@/lib/data/licences';
import { ruleOperators } from '@/lib/enums';
import type { Result } from '@/lib/errors';

const slug = z.string().min(1).max(40);
const identityIds = z.array(z.uuid()).min(1, 'Choose at least one identity.').max(10_000);

/** Every access change shows on the Access tab, the identities it touched and their pages. */
function refreshed<T>(appSlug: string, result: Result<T>): Result<T> {
  if (result.ok) {
    revalidatePath(`/applications/${appSlug}/access`);
    revalidatePath('/identities/[id]', 'page');
  }
  return result;
}

export const assignAction = adminAction(z.object({ slug, selection: identitySelectionSchema }), async (input, ctx) =>
  refreshed(input.slug, await assignIdentities(ctx, input.slug, input.selection)),
);

export const unassignAction = adminAction(z.object({ slug, selection: identitySelectionSchema }), async (input, ctx) =>
  refreshed(input.slug, await unassignIdentities(ctx, input.slug, input.selection)),
);

export const activateLicencesAction = adminAction(z.object({ slug, identityIds }), async (input, ctx) =>
  refreshed(input.slug, await requestLicences(ctx, input.slug, input.identityIds)),
);

export const deactivateLicencesAction = adminAction(z.object({ slug, identityIds }), async (input, ctx) =>
  refreshed(input.slug, await deactivateLicences(ctx, input.slug, input.identityIds)),
);

export const setLicenceLimitAction = adminAction(z.object({ slug, limit: z.number().int().nullable() }), async (input, ctx) =>
  refreshed(input.slug, await setLicenceLimit(ctx, input.slug, { limit: input.limit })),
);

/** Strings as typed; the data layer's ruleInputSchema validates them and names the field at fault. */
const ruleFields = z.object({
  priority: z.number().int(),
  groupName: z.string().max(200).optional(),
  conditionAttribute: z.string().max(100).optional(),
  conditionOperator: z.enum(ruleOperators).optional(),
  conditionValue: z.string().max(200).optional(),
  grantsRole: z.string().max(100),
  enabled: z.boolean(),
});

export const createRuleAction = adminAction(z.object({ slug, rule: ruleFields }), async (input, ctx) =>
  refreshed(input.slug, await createRule(ctx, input.slug, input.rule)),
);

export const updateRuleAction = adminAction(
  z.object({ slug, ruleId: z.uuid(), rule: ruleFields.extend({ version: z.number().int().positive() }) }),
  async (input, ctx) => refreshed(input.slug, await updateRule(ctx, input.slug, input.ruleId, input.rule)),
);

export const deleteRuleAction = adminAction(z.object({ slug, ruleId: z.uuid() }), async (input, ctx) =>
  refreshed(input.slug, await deleteRule(ctx, input.slug, input.ruleId)),
);
