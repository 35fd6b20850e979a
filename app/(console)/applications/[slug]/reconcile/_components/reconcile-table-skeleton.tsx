import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';

/** The Suspense fallback of the reconciliation table, with its real column headers. */
export function ReconcileTableSkeleton({ canAct }: { canAct: boolean }) {
  const columns = canAct ? ['Account', 'Situation', 'User', 'Action', 'Status'] : ['Account', 'Situation', 'User', 'Status'];
  return <DataTableSkeleton columns={columns} filters={2} rows={10} label="Loading accounts…" />;
}
