'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { applicationRoles } from '@/lib/enums';
import { adminAction } from '@/lib/actions/safe-action';
import { applicationInputSchema, deleteApplication, slugSchema, updateApplication } from '@/lib/data/applications';
import { ok } from '@/lib/errors';
import { matchingRulesSchema } from '@/lib/matching/rules';

/** Which application, at which version: a write based on an older version is refused as a conflict. */
const target = { slug: slugSchema, version: z.number().int().positive() };

const percent = z
  .number({ error: 'Enter a percentage between 0 and 100.' })
  .min(0, 'Enter a percentage between 0 and 100.')
  .max(100, 'Enter a percentage between 0 and 100.');

export const updateGeneralSettingsAction = adminAction(
  z.object({ ...target, name: applicationInputSchema.shape.name, role: z.enum(applicationRoles), safeguardPercent: percent }),
  async ({ slug, version, name, role, safeguardPercent }, ctx) => {
    const result = await updateApplication(ctx, slug, { version, name, role, safeguardThreshold: safeguardPercent / 100 });
    if (!result.ok) return result;
    revalidatePath('/applications', 'layout');
    return ok({ version: result.value.version });
  },
);

/** Saves the ordered rules; the data layer re-matches the application's accounts in the same transaction. */
export const updateMatchingRulesAction = adminAction(z.object({ ...target, matchingRules: matchingRulesSchema }), async ({ slug, version, matchingRules }, ctx) => {
  const result = await updateApplication(ctx, slug, { version, matchingRules });
  if (!result.ok) return result;
  revalidatePath('/applications', 'layout');
  return ok({ version: result.value.version });
});

/** Deletes the application with its accounts and imports, then goes back to the list. */
export const deleteApplicationAction = adminAction(z.object(target), async ({ slug, version }, ctx) => {
  const result = await deleteApplication(ctx, slug, version);
  if (!result.ok) return result;
  revalidatePath('/applications', 'layout');
  redirect('/applications');
});
