'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { slugSchema } from '@/lib/data/applications';
import { createToken, revokeToken, tokenNameSchema } from '@/lib/data/tokens';
import { ok } from '@/lib/errors';

const settingsPath = (slug: string) => `/applications/${slug}/settings`;

/** Creates an upload token and hands its secret back once; the list on the page shows only its prefix. */
export const createTokenAction = adminAction(z.object({ slug: slugSchema, name: tokenNameSchema }), async ({ slug, name }, ctx) => {
  const result = await createToken(ctx, slug, { name });
  if (!result.ok) return result;
  revalidatePath(settingsPath(slug));
  return ok(result.value);
});

/** Revokes an upload token for good: scripts using it get 401 from now on. */
export const revokeTokenAction = adminAction(z.object({ slug: slugSchema, tokenId: z.uuid() }), async ({ slug, tokenId }, ctx) => {
  const result = await revokeToken(ctx, tokenId);
  if (!result.ok) return result;
  revalidatePath(settingsPath(slug));
  return ok(result.value);
});
