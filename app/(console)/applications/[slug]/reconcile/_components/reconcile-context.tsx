'use client';

import { createContext, useContext } from 'react';
import type { ReconcileRow } from '@/lib/data/reconciliation';

/** What a row's Action cell needs from the table: the dialogs are the table's, one of each. */
export interface ReconcileActions {
  openAssign: (row: ReconcileRow) => void;
  openCreate: (row: ReconcileRow) => void;
}

export const ReconcileActionsContext = createContext<ReconcileActions | null>(null);

export function useReconcileActions(): ReconcileActions {
  const actions = useContext(ReconcileActionsContext);
  if (!actions) throw new Error('useReconcileActions() needs a <ReconcileActionsContext> above it');
  return actions;
}
