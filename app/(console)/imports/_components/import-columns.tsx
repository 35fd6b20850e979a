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
    // The end is the start plus the duration, under it: the import's page shows both in full.
    column.display({
      id: 'started',
      header: 'Started (UTC), took',
      meta: { rowHeader: true, cellClassName: 'nowrap' },
      cell: ({ row }) => {
        const item = row.original;
        const at = item.startedAt ?? item.createdAt;
        return (
          <>
            <Link href={importHref(item.applicationSlug, item.id)} aria-label={`Import of ${formatDateTime(at)}`}>
              <time dateTime={at.toISOString()}>{formatCompactDateTime(at)}</time>
            </Link>
            <div className="muted text-sm" title={item.finishedAt ? `Finished ${formatEnd(item.finishedAt, at)} (UTC)` : undefined}>
              {formatDuration(item.durationMs)}
            </div>
          </>
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
    // How and by whom, in one column: "Upload API" over "Token: nightly-hr".
    column.display({
      id: 'by',
      header: 'Started by',
      cell: ({ row }) => (
        <>
          <div>{importTriggerWords[row.original.trigger]}</div>
          <div className="muted text-sm truncate">{describeImportActor(row.original.actor)}</div>
        </>
      ),
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
