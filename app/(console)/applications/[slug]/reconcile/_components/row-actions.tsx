'use client';

import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast-provider';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import type { Result } from '@/lib/errors';
import { confirmAction, ignoreAction, unlinkAction } from '../actions';
import { ActionMenu, type ActionMenuItem } from './action-menu';
import { failureMessage } from './failure-message';
import { useReconcileActions } from './reconcile-context';

type Command = ActionMenuItem;

/**
 * The Action cell: the one action the account most likely needs as a button, the others in a
 * "More actions" menu. Every control's accessible name includes the account ("Confirm link for Ada
 * Lovelace"). Each action sends the row's version: if someone else changed the account first, the
 * server refuses, says so, and the table refreshes.
 */
export function RowActions({ row }: { row: ReconcileRow }) {
  const { openAssign, openCreate } = useReconcileActions();
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  const account = row.label;

  const run = (action: (input: unknown) => Promise<Result<unknown>>, success: string) =>
    startTransition(async () => {
      const result = await action({ accountId: row.id, version: row.version });
      if (result.ok) toast({ tone: 'success', message: success });
      else toast({ tone: 'error', message: failureMessage(result.error, account) });
    });

  const confirm: Command = {
    key: 'confirm',
    label: 'Confirm',
    name: `Confirm link for ${account}`,
    onSelect: () => run(confirmAction, `Confirmed the link of account ${account} to user ${row.user?.displayName ?? row.user?.username ?? 'proposed by matching'}.`),
  };
  const assign: Command = { key: 'assign', label: 'Assign existing user', name: `Assign existing user to ${account}`, onSelect: () => openAssign(row) };
  const create: Command = {
    key: 'create',
    label: 'Create new user and link',
    name: `Create new user and link for ${account}`,
    onSelect: () => openCreate(row),
  };
  const unlink: Command = { key: 'unlink', label: 'Unlink', name: `Unlink ${account}`, onSelect: () => run(unlinkAction, `Unlinked account ${account}.`) };
  const ignore: Command = { key: 'ignore', label: 'Ignore', name: `Ignore ${account}`, onSelect: () => run(ignoreAction, `Ignored account ${account}.`) };

  const [primary, ...more] = commandsFor(row, { confirm, assign, create, unlink, ignore });

  return (
    <div className="row nowrap" aria-busy={isPending || undefined}>
      {primary && (
        <Button size="sm" variant={primary.key === 'confirm' ? 'primary' : 'secondary'} aria-label={primary.name} disabled={isPending} onClick={primary.onSelect}>
          {isPending && <span className="spinner" aria-hidden="true" />}
          {primary.label}
        </Button>
      )}
      {more.length > 0 && <ActionMenu label={`More actions for ${account}`} items={more} disabled={isPending} />}
    </div>
  );
}

/** The actions that make sense in the account's state, the likeliest first. */
function commandsFor(row: ReconcileRow, c: Record<'confirm' | 'assign' | 'create' | 'unlink' | 'ignore', Command>): Command[] {
  switch (row.linkStatus) {
    case 'needs_confirmation':
      return [c.confirm, c.assign, c.create, c.ignore];
    case 'linked':
      return [c.unlink, c.assign, c.ignore];
    case 'ignored':
      return [c.assign, c.create];
    case 'unlinked':
      return row.situation === 'no_match' ? [c.create, c.assign, c.ignore] : [c.assign, c.create, c.ignore];
  }
}
