'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/actions/safe-action';
import { applicationInputSchema, createApplication } from '@/lib/data/applications';
import { ok } from '@/lib/errors';

/** Creates an application; a taken slug comes back as a conflict on the field `slug`. */
export const createApplicationAction = adminAction(applicationInputSchema, async (input, ctx) => {
  const result = await createApplication(ctx, input);
  if (!result.ok) return result;
  revalidatePath('/applications');
  return ok({ slug: result.value.slug, name: result.value.name, role: result.value.role });
});
