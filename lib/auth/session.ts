import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import type { Actor } from '@/lib/data/actor';
import { getAdminProfile, type AdminProfile } from '@/lib/data/admins';
import { dataContext } from '@/lib/data/context';
import { catchFailure } from '@/lib/errors';
import { safeCallbackPath } from './callback-url';
import { getAuthOptions } from './options';

/** The request header in which proxy.ts passes the requested path, for the redirect back after sign-in. */
export const REQUEST_PATH_HEADER = 'x-concord-path';

const sessionSchema = z.object({ user: z.object({ id: z.guid(), email: z.string().min(1) }) });

/**
 * The signed-in admin from the session cookie, or null. Only who they are: the role is never taken
 * from the session, the data layer reads it from the database on every call.
 */
export async function getActor(): Promise<Actor | null> {
  const parsed = sessionSchema.safeParse(await getServerSession(getAuthOptions()));
  if (!parsed.success) return null;
  return { kind: 'admin', adminId: parsed.data.user.id, email: parsed.data.user.email };
}

/** The sign-in page, coming back to `callbackPath` (or the page being requested) afterwards. */
export async function loginPath(callbackPath?: string): Promise<string> {
  const back = safeCallbackPath(callbackPath ?? (await headers()).get(REQUEST_PATH_HEADER));
  return back === '/' ? '/login' : `/login?${new URLSearchParams({ callbackUrl: back })}`;
}

/** For pages and layouts: the signed-in admin, or a redirect to the sign-in page. */
export async function requireActor(callbackPath?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(await loginPath(callbackPath));
  return actor;
}

/**
 * For the console layout: the signed-in admin's name, e-mail and role, fresh from the database
 * (once per request). Hiding write controls from a viewer is a courtesy; the server refuses anyway.
 * An admin deleted since signing in is sent back to the sign-in page.
 */
export const getViewer = cache(async (): Promise<AdminProfile> => {
  const actor = await requireActor();
  const profile = await catchFailure(async () => getAdminProfile(await dataContext(actor)));
  if (!profile.ok) redirect(await loginPath());
  return profile.value;
});
