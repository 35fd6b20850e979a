'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { slugSchema } from '@/lib/data/applications';
import { deleteSyncConfig, saveSyncConfig, setSyncEnabled, syncConfigInputSchema } from '@/lib/data/sync-configs';
import { ok } from '@/lib/errors';
import { syncNow } from '@/lib/sync/run-sync';

const version = z.number().int().positive();

const refresh = (slug: string) => revalidatePath(`/applications/${slug}`, 'layout');

/** Creates (no version) or changes (the version shown) the application's sync configuration. */
export const saveSyncConfigAction = adminAction(
  z.object({ slug: slugSchema, config: syncConfigInputSchema }),
  async ({ slug, config }, ctx) => {
    const result = await saveSyncConfig(ctx, slug, config);
    if (!result.ok) return result;
    refresh(slug);
    return ok({ version: result.value.version });
  },
);

/** "Disable" / "Enable". */
export const setSyncEnabledAction = adminAction(z.object({ slug: slugSchema, enabled: z.boolean(), version }), async ({ slug, enabled, version }, ctx) => {
  const result = await setSyncEnabled(ctx, slug, enabled, version);
  if (!result.ok) return result;
  refresh(slug);
  return ok({ enabled: result.value.enabled, version: result.value.version });
});

/** "Delete configuration": the imports it made stay in the history. */
export const deleteSyncConfigAction = adminAction(z.object({ slug: slugSchema, version }), async ({ slug, version }, ctx) => {
  const result = await deleteSyncConfig(ctx, slug, version);
  if (!result.ok) return result;
  refresh(slug);
  return ok({ deleted: true });
});

/** "Sync now": pulls and imports at once, answering when the import has finished (or been held). */
export const syncNowAction = adminAction(z.object({ slug: slugSchema }), async ({ slug }, ctx) => {
  const result = await syncNow(ctx, slug);
  refresh(slug);
  return result;
});
