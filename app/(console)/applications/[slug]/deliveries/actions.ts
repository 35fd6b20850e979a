'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/safe-action';
import { slugSchema } from '@/lib/data/applications';
import { regenerateWebhookSecret, saveWebhookEndpoint, webhookEndpointInputSchema } from '@/lib/data/deliveries/endpoints';
import { redeliverEvents, sendTestEvent } from '@/lib/data/deliveries/log';
import { ok } from '@/lib/errors';

const refresh = (slug: string) => revalidatePath(`/applications/${slug}/deliveries`);

/** Creates (no version; the new secret comes back once) or changes the webhook endpoint. */
export const saveWebhookEndpointAction = adminAction(z.object({ slug: slugSchema, endpoint: webhookEndpointInputSchema }), async ({ slug, endpoint }, ctx) => {
  const result = await saveWebhookEndpoint(ctx, slug, endpoint);
  if (!result.ok) return result;
  refresh(slug);
  return ok({ version: result.value.endpoint.version, secret: result.value.secret });
});

/** "Regenerate secret": the new one comes back once. */
export const regenerateSecretAction = adminAction(z.object({ slug: slugSchema, version: z.number().int().positive() }), async ({ slug, version }, ctx) => {
  const result = await regenerateWebhookSecret(ctx, slug, version);
  if (!result.ok) return result;
  refresh(slug);
  return ok({ version: result.value.endpoint.version, secret: result.value.secret });
});

/** "Redeliver": a failed or delivered event goes out again. */
export const redeliverAction = adminAction(z.object({ slug: slugSchema, eventIds: z.array(z.uuid()).min(1).max(500) }), async ({ slug, eventIds }, ctx) => {
  const result = await redeliverEvents(ctx, slug, eventIds);
  if (result.ok) refresh(slug);
  return result;
});

/** "Send test event". */
export const sendTestEventAction = adminAction(z.object({ slug: slugSchema }), async ({ slug }, ctx) => {
  const result = await sendTestEvent(ctx, slug);
  if (result.ok) refresh(slug);
  return result;
});
