'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { updateIdentityGroups } from '@/lib/data/identities';

/** Sets an identity's groups by hand; entitlement rules are re-evaluated for it in the same transaction. */
export const updateGroupsAction = adminAction(
  z.object({ identityId: z.uuid(), version: z.number().int().positive(), groups: z.array(z.string().max(200)).max(500) }),
  async (input, ctx) => {
    const result = await updateIdentityGroups(ctx, input.identityId, { version: input.version, groups: input.groups });
    if (result.ok) revalidatePath(`/identities/${input.identityId}`);
    return result;
  },
);
