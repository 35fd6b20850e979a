'use client';

import { useMemo, useState, type ReactNode } from 'react';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import { AssignDialog } from './assign-dialog';
import { CreateUserDialog } from './create-user-dialog';
import { ReconcileActionsContext } from './reconcile-context';

/**
 * What RowActions needs around it: one "Assign existing user" and one "Create new user and link"
 * dialog, opened for whichever account asks. The reconciliation table and an account's own page
 * both act through it. Viewers get no dialogs (and no action controls; the server would refuse anyway).
 */
export function AccountActionsProvider({ canAct, children }: { canAct: boolean; children: ReactNode }) {
  const [assignFor, setAssignFor] = useState<ReconcileRow | null>(null);
  const [createFor, setCreateFor] = useState<ReconcileRow | null>(null);
  const actions = useMemo(() => ({ openAssign: setAssignFor, openCreate: setCreateFor }), []);
  return (
    <ReconcileActionsContext value={actions}>
      {children}
      {canAct && (
        <>
          <AssignDialog account={assignFor} onClose={() => setAssignFor(null)} />
          <CreateUserDialog account={createFor} onClose={() => setCreateFor(null)} />
        </>
      )}
    </ReconcileActionsContext>
  );
}
