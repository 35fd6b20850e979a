import { Suspense } from 'react';
import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import type { DataContext } from '@/lib/data/context';
import { listPlannedChanges, type ImportListItem } from '@/lib/data/imports';
import type { DetailTableState, PlannedKind } from '../../search-params';
import { ImportCountTiles, type CountTile } from './import-counts';
import { PlannedChangesTable } from './planned-changes-table';
import { ReviewActions } from './review-actions';

const plannedTiles: readonly CountTile[] = [
  { label: 'Accounts to add', pick: (c) => c.accountsAdded },
  { label: 'Accounts to update', pick: (c) => c.accountsUpdated },
  { label: 'Accounts to remove', pick: (c) => c.accountsRemoved },
  { label: 'Accounts to restore', pick: (c) => c.accountsRestored },
  { label: 'Rows rejected', pick: (c) => c.rowsRejected },
  { label: 'Accounts unchanged', pick: (c) => c.accountsUnchanged },
  { label: 'Rows ignored', pick: (c) => c.rowsIgnored, hint: 'Duplicates' },
];

export interface ImportReviewProps {
  ctx: DataContext;
  item: ImportListItem & { status: 'staged' | 'held' };
  table: DetailTableState<PlannedKind>;
  /** Admins see Apply and Discard; viewers only the preview. */
  canReview: boolean;
}

/**
 * "Review before applying": what the feed would do (planned counts and the planned change per
 * account) for an import awaiting review (staged) or held by the safeguard; then Apply or Discard.
 */
export function ImportReview({ ctx, item, table, canReview }: ImportReviewProps) {
  const planned = listPlannedChanges(ctx, item.id, { kind: table.filter ?? undefined, page: table.page, pageSize: table.pageSize });
  const counts = item.counts;
  // A preview the safeguard would hold says so before anyone presses Apply, and applying it asks for
  // the same acknowledgement as a held import (the plan is weighed again when it is applied).
  const heldOnApply = item.status === 'held' || item.holdReason !== null;
  const actions = canReview && (
    <ReviewActions importId={item.id} status={heldOnApply ? 'held' : 'staged'} dryRun={item.dryRun} removes={counts?.accountsRemoved ?? 0} />
  );
  return (
    <Card
      title="Review before applying"
      description="Nothing of this feed has been applied yet. This is what applying it would do, counted against the accounts as they are now."
    >
      <div className="stack">
        {item.dryRun && (
          <Alert tone="info" title="Dry run: this preview cannot be applied">
            It was sent with <span className="mono">dryRun=true</span> to see what it would do. Send the feed again without it to apply it.
          </Alert>
        )}
        {heldOnApply ? (
          <Alert
            tone="warning"
            title={item.status === 'held' ? 'Held by the safeguard: nothing was applied' : 'The safeguard would hold this feed'}
            actions={actions || undefined}
          >
            {item.holdReason ?? 'This feed would remove more accounts than the safeguard allows.'}
          </Alert>
        ) : (
          actions
        )}
        {counts && (
          <ImportCountTiles counts={counts} tiles={plannedTiles} />
        )}
        <Suspense
          fallback={<DataTableSkeleton columns={['Account key', 'Change', 'Row', 'Fields', 'Message']} filters={1} rows={5} label="Loading the planned changes…" />}
        >
          <Planned planned={planned} />
        </Suspense>
      </div>
    </Card>
  );
}

async function Planned({ planned }: { planned: ReturnType<typeof listPlannedChanges> }) {
  const { changes, total, counts } = await planned;
  return <PlannedChangesTable changes={changes} total={total} counts={counts} />;
}
