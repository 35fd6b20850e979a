'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { applyImport, discardImport } from '@/lib/data/imports';
import { ok } from '@/lib/errors';

const target = { importId: z.uuid('Unknown import.') };

/**
 * Applies an import awaiting review (staged), or one the safeguard held when the admin overrides it
 * (the data layer audits the override). A held import applied without the override stays held: the
 * answer is the `safeguard` failure in words.
 */
export const applyImportAction = adminAction(
  z.object({ ...target, overrideSafeguard: z.boolean().default(false) }),
  async ({ importId, overrideSafeguard }, ctx) => {
    const result = await applyImport(ctx, importId, { overrideSafeguard });
    // Whatever the answer, the import's status may have changed (applied, or held again): re-render.
    revalidatePath('/applications', 'layout');
    revalidatePath('/imports');
    if (!result.ok) return result;
    return ok({ id: result.value.id, status: result.value.status });
  },
);

/** Discards an import awaiting review: nothing of it is applied, ever. */
export const discardImportAction = adminAction(z.object(target), async ({ importId }, ctx) => {
  const result = await discardImport(ctx, importId);
  revalidatePath('/applications', 'layout');
  revalidatePath('/imports');
  return result.ok ? ok({ id: result.value.id }) : result;
});
