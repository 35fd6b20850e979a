'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { previewSync, syncScopeSchema, syncToApplications } from '@/lib/data/sync-to-applications';

/** How many events "Sync to applications" would send for this scope (asked before every sync). */
export const previewSyncAction = adminAction(z.object({ scope: syncScopeSchema }), ({ scope }, ctx) => previewSync(ctx, scope));

/** "Sync to applications": writes identity.sync events; syncing all needs the previewed number. */
export const syncToApplicationsAction = adminAction(
  z.object({ scope: syncScopeSchema, confirmedEvents: z.number().int().nonnegative().optional() }),
  async ({ scope, confirmedEvents }, ctx) => {
    const result = await syncToApplications(ctx, scope, confirmedEvents);
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  },
);
