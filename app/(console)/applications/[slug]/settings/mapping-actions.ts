'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { slugSchema } from '@/lib/data/applications';
import { resetMapping, updateMapping } from '@/lib/data/mapping';
import { fail } from '@/lib/errors';

/** Which application, at which version: a write based on an older version is refused as a conflict. */
const target = { slug: slugSchema, version: z.number().int().positive() };

/** A control file is small; anything bigger is not one. */
const MAX_FILE_CHARS = 1_000_000;

/** Saves the mapping edited in the form; the data layer validates it and names any problem. */
export const updateMappingAction = adminAction(z.object({ ...target, mapping: z.unknown() }), async ({ slug, version, mapping }, ctx) => {
  const result = await updateMapping(ctx, slug, { mapping, version });
  if (result.ok) revalidatePath('/applications', 'layout');
  return result;
});

/** Imports an exported mapping: the file's text, read in the browser, parsed here. */
export const importMappingAction = adminAction(
  z.object({ ...target, text: z.string().max(MAX_FILE_CHARS, 'The file is too large to be a mapping (at most 1 MB).') }),
  async ({ slug, version, text }, ctx) => {
    let mapping: unknown;
    try {
      mapping = JSON.parse(text);
    } catch (error) {
      return fail('invalid', `The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { field: 'file' });
    }
    const result = await updateMapping(ctx, slug, { mapping, version });
    if (result.ok) revalidatePath('/applications', 'layout');
    return result;
  },
);

/** Forgets the mapping; the next feed's header generates it again. */
export const resetMappingAction = adminAction(z.object(target), async ({ slug, version }, ctx) => {
  const result = await resetMapping(ctx, slug, version);
  if (result.ok) revalidatePath('/applications', 'layout');
  return result;
});
