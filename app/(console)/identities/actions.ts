'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { createIdentity } from '@/lib/data/identities';

/** Strings in, as typed; the data layer validates them (identityInputSchema) and names the field at fault. */
const newUserSchema = z.object({
  username: z.string().max(200),
  email: z.string().max(320).optional(),
  displayName: z.string().max(200).optional(),
  givenName: z.string().max(100).optional(),
  familyName: z.string().max(100).optional(),
  employeeId: z.string().max(100).optional(),
});

/** Creates an identity by hand; the accounts it now matches are re-matched in the same transaction. */
export const createIdentityAction = adminAction(newUserSchema, async (input, ctx) => {
  const result = await createIdentity(ctx, input);
  if (result.ok) revalidatePath('/identities');
  return result;
});
