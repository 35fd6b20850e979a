import { Skeleton } from '@/components/ui/skeleton';
import { ReconcileTableSkeleton } from './_components/reconcile-table-skeleton';
import { SituationSummarySkeleton } from './_components/situation-summary';

/** Shown while the page itself starts (coming from another tab); the table then streams in. */
export default function ReconcileLoading() {
  return (
    <div className="stack">
      <div className="stack stack-sm" aria-hidden="true">
        <Skeleton width="7rem" height="1.25rem" />
        <Skeleton width="28rem" />
      </div>
      <SituationSummarySkeleton />
      <ReconcileTableSkeleton canAct={false} />
    </div>
  );
}
