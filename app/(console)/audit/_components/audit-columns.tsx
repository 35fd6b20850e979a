'use client';

import Link from 'next/link';
import { dataTableColumns } from '@/components/data-table/features';
import { AuditDetails } from './audit-details';
import type { AuditRow } from './audit-row';

const column = dataTableColumns<AuditRow>();

export const auditColumns = [
  column.accessor('atIso', {
    id: 'at',
    header: 'When',
    meta: { cellClassName: 'nowrap' },
    cell: ({ row }) => (
      <time dateTime={row.original.atIso} className="stack" style={{ gap: 0 }}>
        <span>{row.original.atRelative}</span>
        <span className="muted text-xs">{row.original.atAbsolute}</span>
      </time>
    ),
  }),
  column.accessor('actor', { header: 'Who', meta: { cellClassName: 'nowrap' } }),
  column.accessor('action', { header: 'Action', cell: ({ getValue }) => <span className="mono text-sm">{getValue<string>()}</span> }),
  column.accessor('applicationName', {
    id: 'application',
    header: 'Application',
    meta: { cellClassName: 'nowrap' },
    cell: ({ row }) =>
      row.original.applicationSlug ? (
        <Link href={`/applications/${encodeURIComponent(row.original.applicationSlug)}/reconcile`}>{row.original.applicationName}</Link>
      ) : (
        <span className="muted">—</span>
      ),
  }),
  column.accessor('summary', { header: 'Summary', meta: { rowHeader: true }, cell: ({ getValue }) => <span style={{ fontWeight: 400 }}>{getValue<string>()}</span> }),
  column.display({ id: 'details', header: 'Before and after', meta: { cellClassName: 'nowrap' }, cell: ({ row }) => <AuditDetails row={row.original} /> }),
];
