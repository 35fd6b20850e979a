'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { action, adminAction } from '@/lib/actions/safe-action';
import {
  accountRefSchema,
  assignIdentity,
  assignSchema,
  confirmLink,
  createIdentityAndLink,
  ignoreAccount,
  unlinkAccount,
} from '@/lib/data/account-actions';
import { getApplication, slugSchema } from '@/lib/data/applications';
import { accountSelectionSchema, confirmExactMatches, createUsersForUnmatched } from '@/lib/data/bulk-account-actions';
import type { DataContext } from '@/lib/data/context';
import { searchIdentities } from '@/lib/data/identities';
import { fail, ok, type Result } from '@/lib/errors';

/**
 * Re-renders the reconciliation page and the accounts' own pages (where the same actions are) after a
 * change. Also after a conflict or a vanished account: the admin was looking at a stale row, so the
 * page must show what is there now.
 */
function refreshTable<T>(result: Result<T>): Result<T> {
  if (result.ok || result.error.code === 'conflict' || result.error.code === 'not_found') {
    revalidatePath('/applications/[slug]/reconcile', 'page');
    revalidatePath('/applications/[slug]/accounts/[accountId]', 'page');
  }
  return result;
}

export const confirmAction = adminAction(accountRefSchema, async (input, ctx) => refreshTable(await confirmLink(ctx, input)));

export const assignAction = adminAction(assignSchema, async (input, ctx) => refreshTable(await assignIdentity(ctx, input)));

/*
 * The form's shape only: the data layer parses the identity itself (trimming, e-mail format, a taken
 * username) and names the field in its answer, which the form shows beside that field.
 */
const formText = z.string().max(1000).optional();
const createAndLinkFormSchema = accountRefSchema.extend({
  identity: z.object({
    username: z.string().max(1000),
    email: formText,
    displayName: formText,
    givenName: formText,
    familyName: formText,
    employeeId: formText,
  }),
});

export const createAndLinkAction = adminAction(createAndLinkFormSchema, async (input, ctx) =>
  refreshTable(await createIdentityAndLink(ctx, input)),
);

export const unlinkAction = adminAction(accountRefSchema, async (input, ctx) => refreshTable(await unlinkAccount(ctx, input)));

export const ignoreAction = adminAction(accountRefSchema, async (input, ctx) => refreshTable(await ignoreAccount(ctx, input)));

const bulkSchema = z.object({ slug: slugSchema, selection: accountSelectionSchema });

async function applicationIdOf(slug: string, ctx: DataContext): Promise<Result<string>> {
  const application = await getApplication(ctx, slug);
  return application ? ok(application.id) : fail('not_found', 'This application no longer exists.');
}

/** Confirms every exact match that needs confirmation among the selected accounts, or within the table's search and filters. */
export const confirmExactMatchesAction = adminAction(bulkSchema, async ({ slug, selection }, ctx) => {
  const application = await applicationIdOf(slug, ctx);
  return application.ok ? refreshTable(await confirmExactMatches(ctx, application.value, selection)) : application;
});

/** Creates a user for, and links, every unmatched account among the selected ones, or within the table's search and filters. */
export const createUsersForUnmatchedAction = adminAction(bulkSchema, async ({ slug, selection }, ctx) => {
  const application = await applicationIdOf(slug, ctx);
  if (!application.ok) return application;
  const result = refreshTable(await createUsersForUnmatched(ctx, application.value, selection));
  // The new users are in the directory, and other applications' accounts may match them now.
  if (result.ok && result.value.created > 0) revalidatePath('/identities');
  return result;
});

const searchSchema = z.object({
  q: z.string().max(200),
  accountId: z.uuid().optional(),
});

/** The "Assign existing user" picker: a read, open to viewers too (the data layer checks the role). */
export const searchIdentitiesAction = action(searchSchema, async (input, ctx) => ok(await searchIdentities(ctx, { ...input, limit: 20 })));
