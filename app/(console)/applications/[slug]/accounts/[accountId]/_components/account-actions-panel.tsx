'use client';

import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast-provider';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import { assignAction } from '../../../reconcile/actions';
import { AccountActionsProvider } from '../../../reconcile/_components/account-actions-provider';
import { failureMessage } from '../../../reconcile/_components/failure-message';
import { RowActions } from '../../../reconcile/_components/row-actions';

/** The account's actions on its own page, as in its row of the reconciliation table (admins, active accounts only). */
export function AccountActionsPanel({ row }: { row: ReconcileRow }) {
  return (
    <AccountActionsProvider canAct>
      <RowActions row={row} />
    </AccountActionsProvider>
  );
}

/** "Assign" beside one of the account's candidates: links the account to that user, as the picker would. */
export function AssignCandidateButton({ row, candidate }: { row: ReconcileRow; candidate: { id: string; label: string } }) {
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  const assign = () =>
    startTransition(async () => {
      const result = await assignAction({ accountId: row.id, version: row.version, identityId: candidate.id });
      if (result.ok) toast({ tone: 'success', message: `Assigned user ${candidate.label} to account ${row.label}.` });
      else toast({ tone: 'error', message: failureMessage(result.error, row.label) });
    });
  return (
    <Button size="sm" aria-label={`Assign ${candidate.label} to ${row.label}`} disabled={isPending} aria-busy={isPending || undefined} onClick={assign}>
      {isPending && <span className="spinner" aria-hidden="true" />}
      Assign
    </Button>
  );
}
