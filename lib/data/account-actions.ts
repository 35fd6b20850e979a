import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, type Result } from '@/lib/errors';
import type { MatchingRule } from '@/lib/matching/rules';
import { authorizeForApplication } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';
import { createIdentityIn, identityInputSchema } from './identities';
import { rematchApplication, rematchForIdentities } from './matching';

export const accountRefSchema = z.object({ accountId: z.uuid('Unknown account.'), version: z.number().int().positive() });
export type AccountRef = z.infer<typeof accountRefSchema>;

type AccountState = {
  id: string;
  application_id: string;
  key: string;
  label: string;
  version: number;
  situation: string;
  link_status: string;
  linked_identity_id: string | null;
  candidate_ids: string[];
};

type Change = {
  linkedIdentityId: string | null;
  linkStatus: string;
  situation: string;
  describe: string;
  /** work that must follow the account's own update in the same transaction (re-matching) */
  afterUpdate?: (tx: Executor) => Promise<unknown>;
};

export type ActionOutcome = { accountId: string; version: number; situation: string; linkStatus: string; linkedIdentityId: string | null };

/**
 * Runs one action on one account: in a transaction, after checking the caller's role in the
 * database, only if the account is still at the version the admin saw. A concurrent change makes
 * the update touch zero rows: the admin is told plainly and nothing is written.
 */
async function act(
  ctx: DataContext,
  ref: AccountRef,
  action: string,
  change: (tx: Executor, account: AccountState, actor: string) => Promise<Change>,
): Promise<Result<ActionOutcome>> {
  const parsed = accountRefSchema.safeParse(ref);
  if (!parsed.success) return { ok: false, error: { code: 'invalid', message: parsed.error.issues[0]!.message } };
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const account = await loadAccount(tx, ref.accountId);
      const who = await authorizeForApplication(tx, ctx.actor, account.application_id, 'admin');
      if (account.version !== ref.version) throw concurrentChange(account);
      const next = await change(tx, account, who.label);
      const updated = await run<{ version: number }>(
        tx,
        sql`update accounts set linked_identity_id = ${next.linkedIdentityId}, link_status = ${next.linkStatus}::link_status,
                   situation = ${next.situation}::situation, settled = true, version = version + 1, updated_at = now()
            where id = ${account.id} and version = ${ref.version} returning version`,
      );
      if (updated.rowCount === 0) throw concurrentChange(account);
      await next.afterUpdate?.(tx);
      const now = await loadAccount(tx, account.id);
      const before = { situation: account.situation, linkStatus: account.link_status, linkedIdentityId: account.linked_identity_id };
      const after = { situation: now.situation, linkStatus: now.link_status, linkedIdentityId: now.linked_identity_id };
      await writeAudit(tx, {
        actor: who.label,
        action,
        applicationId: account.application_id,
        subjectType: 'account',
        subjectId: account.id,
        summary: `${next.describe} (account ${account.label})`,
        before,
        after,
      });
      return { accountId: account.id, version: now.version, ...after };
    }),
  );
}

async function loadAccount(tx: Executor, accountId: string): Promise<AccountState> {
  const { rows } = await run<AccountState>(
    tx,
    sql`select id, application_id, key, label, version, situation, link_status, linked_identity_id, candidate_ids
        from accounts where id = ${accountId} and status = 'active' for update`,
  );
  if (!rows[0]) throw new AppFailure({ code: 'not_found', message: 'This account no longer exists or was removed by a later import.' });
  return rows[0];
}

function concurrentChange(account: AccountState): AppFailure {
  return new AppFailure({
    code: 'conflict',
    message: `Account ${account.label} was changed by someone else a moment ago. Nothing was changed: reload to see its current state and try again.`,
  });
}

async function identityLabel(tx: Executor, identityId: string): Promise<string> {
  const { rows } = await run<{ label: string }>(
    tx,
    sql`select coalesce(display_name, email, username, id::text) as label from identities where id = ${identityId}`,
  );
  if (!rows[0]) throw new AppFailure({ code: 'not_found', message: 'That user no longer exists.', field: 'identityId' });
  return rows[0].label;
}

/** Confirm: the proposed link (an exact match) becomes a link an admin made. */
export function confirmLink(ctx: DataContext, ref: AccountRef) {
  return act(ctx, ref, 'account.confirm', async (tx, account) => {
    const identityId = account.linked_identity_id ?? (account.candidate_ids.length === 1 ? account.candidate_ids[0]! : null);
    if (!identityId) throw new AppFailure({ code: 'invalid', message: 'There is no single proposed user to confirm. Assign an existing user instead.' });
    return { linkedIdentityId: identityId, linkStatus: 'linked', situation: 'manually_linked', describe: `Confirmed link to ${await identityLabel(tx, identityId)}` };
  });
}

export const assignSchema = accountRefSchema.extend({ identityId: z.uuid('Choose a user.') });

export function assignIdentity(ctx: DataContext, input: z.infer<typeof assignSchema>) {
  return act(ctx, input, 'account.assign', async (tx) => ({
    linkedIdentityId: input.identityId,
    linkStatus: 'linked',
    situation: 'manually_linked',
    describe: `Assigned existing user ${await identityLabel(tx, input.identityId)}`,
  }));
}

export const createAndLinkSchema = accountRefSchema.extend({ identity: identityInputSchema });

/** `identity` is validated here with identityInputSchema (raw form input or already-parsed values). */
export function createIdentityAndLink(ctx: DataContext, input: AccountRef & { identity: unknown }) {
  return act(ctx, input, 'account.create_and_link', async (tx, account, actor) => {
    const identity = await createIdentityIn(tx, input.identity, actor, account.application_id);
    return {
      linkedIdentityId: identity.id,
      linkStatus: 'linked',
      situation: 'manually_linked',
      describe: `Created user ${identity.label} and linked`,
      // Other accounts may match the new user now.
      afterUpdate: (t) => rematchForIdentities(t, [identity.id]),
    };
  });
}

/** Unlink: the account keeps its candidates, loses its link, and matching proposes nothing for it again. */
export function unlinkAccount(ctx: DataContext, ref: AccountRef) {
  return act(ctx, ref, 'account.unlink', async (_tx, account) => ({
    linkedIdentityId: null,
    linkStatus: 'unlinked',
    situation: 'no_match',
    describe: 'Unlinked',
    // Refresh its candidates and situation; it is settled now, so no link is proposed again.
    afterUpdate: async (t) => {
      const { rows } = await run<{ matching_rules: MatchingRule[] }>(t, sql`select matching_rules from applications where id = ${account.application_id}`);
      await rematchApplication(t, account.application_id, rows[0]!.matching_rules, [account.id]);
    },
  }));
}

export function ignoreAccount(ctx: DataContext, ref: AccountRef) {
  return act(ctx, ref, 'account.ignore', async (_tx, account) => ({
    linkedIdentityId: null,
    linkStatus: 'ignored',
    situation: account.situation === 'manually_linked' ? 'no_match' : account.situation,
    describe: 'Ignored',
  }));
}
