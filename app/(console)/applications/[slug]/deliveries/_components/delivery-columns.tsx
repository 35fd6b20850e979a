'use client';

import Link from 'next/link';
import { dataTableColumns } from '@/components/data-table/features';
import { Badge } from '@/components/ui/badge';
import { deliveryStatuses } from '@/lib/enums';
import { deliveryStatusLabels, deliveryStatusTones, type DeliveryRow } from './delivery-row';
import { RedeliverButton } from './redeliver-button';

const column = dataTableColumns<DeliveryRow>();
const dash = <span className="muted">—</span>;

export function deliveryColumns(slug: string, canEdit: boolean) {
  return [
    column.accessor('createdAtText', {
      id: 'createdAt',
      header: 'Event',
      meta: { rowHeader: true },
      cell: ({ row }) => (
        <span className="stack" style={{ gap: 0 }}>
          <span className="mono text-sm">{row.original.type}</span>
          <time className="muted text-xs" dateTime={row.original.createdAtIso}>
            {row.original.createdAtText}
          </time>
        </span>
      ),
    }),
    column.accessor('identityName', {
      header: 'Identity',
      cell: ({ row }) => (row.original.identityId ? <Link href={`/identities/${row.original.identityId}`}>{row.original.identityName ?? 'Unnamed'}</Link> : dash),
    }),
    column.accessor('status', {
      header: 'Status',
      meta: { filter: { name: 'status', label: 'Status', options: deliveryStatuses.map((value) => ({ value, label: deliveryStatusLabels[value] })) } },
      cell: ({ row }) => (
        <span className="stack" style={{ gap: 0 }}>
          <Badge tone={deliveryStatusTones[row.original.status]} dot>
            {deliveryStatusLabels[row.original.status]}
          </Badge>
          {row.original.nextAttemptText && <span className="muted text-xs">next try {row.original.nextAttemptText}</span>}
        </span>
      ),
    }),
    column.accessor('attempts', { header: 'Attempts', meta: { numeric: true } }),
    column.accessor('lastAttemptText', {
      id: 'lastAttemptAt',
      header: 'Last attempt',
      cell: ({ getValue }) => getValue<string | null>() ?? dash,
    }),
    column.accessor('lastStatusCode', {
      header: 'Response',
      meta: { numeric: true },
      cell: ({ getValue }) => getValue<number | null>() ?? dash,
    }),
    column.accessor('lastError', {
      header: 'Last error',
      cell: ({ getValue }) => {
        const error = getValue<string | null>();
        return error ? <span className="text-sm">{error}</span> : dash;
      },
    }),
    ...(canEdit
      ? [
          column.display({
            id: 'actions',
            header: () => <span className="visually-hidden">Actions</span>,
            cell: ({ row }) => (row.original.status === 'pending' ? null : <RedeliverButton slug={slug} eventId={row.original.id} label={row.original.type} />),
          }),
        ]
      : []),
  ];
}
