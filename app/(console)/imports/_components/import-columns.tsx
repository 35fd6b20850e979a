'use client';

import Link from 'next/link';
import { dataTableColumns, type DataTableColumnDef } from '@/components/data-table/features';
import { formatCount } from '@/components/ui/class-names';
import type { ImportCounts } from '@/db/schema';
import type { ImportListItem } from '@/lib/data/imports';
import { ImportStatusBadge } from './import-status-badge';
import { describeImportActor, formatCompactDateTime, formatDateTime, formatDuration, formatEnd, importHref, importTriggerWords } from './import-words';

const column = dataTableColumns<ImportListItem>();

/** A count from the import's figures; a failed or unfinished import has none ("—"). */
const countColumn = (id: string, header: string, pick: (counts: ImportCounts) => number) =>
  column.display({
    id,
    header,
    meta: { numeric: true },
    cell: ({ row }) => {
      const counts = row.original.counts;
      return counts ? formatCount(pick(counts)) : <span className="muted">—</span>;
    },
  });

/** The history's columns; `withApplication` adds the Application column (on /imports). */
export function importColumns(withApplication: boolean): DataTableColumnDef<ImportListItem>[] {
  return [
    column.display({
      id: 'started',
      header: 'Started (UTC)',
      meta: { rowHeader: true, cellClassName: 'nowrap' },
      cell: ({ row }) => {
        const item = row.original;
        const at = item.startedAt ?? item.createdAt;
        return (
          <Link href={importHref(item.applicationSlug, item.id)} aria-label={`Import of ${formatDateTime(at)}`}>
            <time dateTime={at.toISOString()}>{formatCompactDateTime(at)}</time>
          </Link>
        );
      },
    }),
    ...(withApplication
      ? [
          column.display({
            id: 'application',
            header: 'Application',
            meta: { cellClassName: 'nowrap' },
            cell: ({ row }) => (
              <Link href={`/applications/${encodeURIComponent(row.original.applicationSlug)}/imports`}>{row.original.applicationName}</Link>
            ),
          }),
        ]
      : []),
    // The end is the start plus the duration: the import's page shows both; here it is the duration's tooltip.
    column.display({
      id: 'duration',
      header: 'Duration',
      meta: { numeric: true },
      cell: ({ row }) => {
        const { finishedAt: at, startedAt, createdAt, durationMs } = row.original;
        return at ? (
          <span title={`Finished ${formatEnd(at, startedAt ?? createdAt)} (UTC)`}>{formatDuration(durationMs)}</span>
        ) : (
          formatDuration(durationMs)
        );
      },
    }),
    column.display({ id: 'trigger', header: 'Trigger', cell: ({ row }) => importTriggerWords[row.original.trigger] }),
    column.display({
      id: 'by',
      header: 'By',
      meta: { cellClassName: 'truncate' },
      cell: ({ row }) => describeImportActor(row.original.actor),
    }),
    column.display({ id: 'status', header: 'Status', cell: ({ row }) => <ImportStatusBadge status={row.original.status} /> }),
    countColumn('added', 'Added', (c) => c.accountsAdded),
    countColumn('updated', 'Updated', (c) => c.accountsUpdated),
    countColumn('removed', 'Removed', (c) => c.accountsRemoved),
    countColumn('unchanged', 'Unchanged', (c) => c.accountsUnchanged),
    countColumn('rejected', 'Rejected', (c) => c.rowsRejected),
    countColumn('errors', 'Errors', (c) => c.errors),
  ];
}
