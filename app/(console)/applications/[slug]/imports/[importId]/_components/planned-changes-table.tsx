'use client';

import { DataTable } from '@/components/data-table/data-table';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { dataTableColumns } from '@/components/data-table/features';
import { Badge } from '@/components/ui/badge';
import { formatCount } from '@/components/ui/class-names';
import { EmptyState } from '@/components/ui/empty-state';
import type { PlannedChange } from '@/lib/data/imports';
import { FilterSelect } from '@/app/(console)/imports/_components/filter-select';
import { plannedKinds, plannedPageSizes, type PlannedKind } from '../../search-params';
import { FieldDiff } from './field-diff';
import { plannedKindWords } from './planned-words';
import { useDetailTable } from './use-detail-table';

const column = dataTableColumns<PlannedChange>();

const columns = [
  column.display({
    id: 'key',
    header: 'Account key',
    meta: { rowHeader: true },
    // A rejected row has no account: its key column holds the field at fault, shown with the message.
    cell: ({ row }) => (row.original.kind === 'reject' ? <span className="muted">—</span> : <span className="mono">{row.original.key}</span>),
  }),
  column.display({
    id: 'change',
    header: 'Change',
    cell: ({ row }) => <Badge tone={plannedKindWords[row.original.kind].tone}>{plannedKindWords[row.original.kind].label}</Badge>,
  }),
  column.display({
    id: 'row',
    header: 'Row',
    meta: { numeric: true },
    cell: ({ row }) => (row.original.row === null ? <span className="muted">—</span> : formatCount(row.original.row)),
  }),
  column.display({
    id: 'fields',
    header: 'Fields',
    cell: ({ row }) => {
      const change = row.original;
      if (change.kind === 'reject') return change.key ? <span className="mono">{change.key}</span> : <span className="muted">—</span>;
      return <FieldDiff kind={change.kind} before={change.before} after={change.after} />;
    },
  }),
  column.display({
    id: 'message',
    header: 'Message',
    cell: ({ row }) => row.original.message ?? <span className="muted">—</span>,
  }),
];

export interface PlannedChangesTableProps {
  changes: PlannedChange[];
  /** Planned changes matching the filter. */
  total: number;
  /** Planned changes per kind, whatever the filter. */
  counts: Record<PlannedKind, number>;
}

/** What applying the import would do to each account (add, update, remove, restore), and the rows it would reject. */
export function PlannedChangesTable({ changes, total, counts }: PlannedChangesTableProps) {
  const table = useDetailTable('planned');
  const filter = table.state.filter as PlannedKind | null;
  const all = plannedKinds.reduce((sum, kind) => sum + counts[kind], 0);
  return (
    <div>
      <FilterSelect
        label="Planned change"
        value={table.state.filter}
        allLabel={`All (${formatCount(all)})`}
        options={plannedKinds.map((kind) => ({ value: kind, label: `${plannedKindWords[kind].label} (${formatCount(counts[kind])})` }))}
        onChange={table.setFilter}
      />
      <DataTable
        caption="What applying would do to each account"
        columns={columns}
        data={changes}
        getRowId={(change) => `${change.kind}:${change.row ?? ''}:${change.key}:${change.message ?? ''}`}
        isPending={table.isPending}
        emptyState={
          <EmptyState
            title={filter ? `No planned “${plannedKindWords[filter].label}” in this feed` : 'Applying this feed would change no account'}
            description={filter ? undefined : 'Every account in the feed is already as Concord has it.'}
          />
        }
      />
      <UrlDataTablePagination url={table} pageSizes={plannedPageSizes} total={total} noun="planned changes" hideWhenEmpty />
    </div>
  );
}
