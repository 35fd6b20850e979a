'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/actions/safe-action';
import { ssoProvider } from '@/lib/auth/options';
import { addAdmin, addAdminSchema, changeAdminRole, changeRoleSchema, removeAdmin, removeAdminSchema, setAdminPassword, setPasswordSchema } from '@/lib/data/admin-management';
import type { Result } from '@/lib/errors';

function refreshed<T>(result: Result<T>): Result<T> {
  if (result.ok) revalidatePath('/admins');
  return result;
}

/*
 * The shapes are checked here and again, with the rules (taken e-mail, last admin, oneself), in the
 * data layer, which also reads the caller's role from the database.
 */
export const addAdminAction = adminAction(addAdminSchema, async (input, ctx) => refreshed(await addAdmin(ctx, input, { ssoEnabled: ssoProvider() !== null })));

export const changeRoleAction = adminAction(changeRoleSchema, async (input, ctx) => refreshed(await changeAdminRole(ctx, input)));

export const setPasswordAction = adminAction(setPasswordSchema, async (input, ctx) => refreshed(await setAdminPassword(ctx, input)));

export const removeAdminAction = adminAction(removeAdminSchema, async (input, ctx) => refreshed(await removeAdmin(ctx, input)));
