'use client';

import Link from 'next/link';
import { dataTableColumns } from '@/components/data-table/features';
import { formatCount } from '@/components/ui/class-names';
import type { IdentitySummary } from '@/lib/data/identities';
import { identityName, identityStatusLabels, IdentityStatusBadge } from './identity-labels';

const column = dataTableColumns<IdentitySummary>();
const dash = <span className="muted">—</span>;

export const identitiesColumns = [
  column.accessor((row) => identityName(row), {
    id: 'name',
    header: 'Name',
    meta: { rowHeader: true },
    cell: ({ row, getValue }) => <Link href={`/identities/${row.original.id}`}>{getValue<string>()}</Link>,
  }),
  column.accessor('username', { header: 'Username', cell: ({ getValue }) => getValue<string | null>() ?? dash }),
  column.accessor('email', { header: 'E-mail', cell: ({ getValue }) => getValue<string | null>() ?? dash }),
  column.accessor('employeeId', { header: 'Employee ID', cell: ({ getValue }) => getValue<string | null>() ?? dash }),
  column.accessor('status', {
    header: 'Status',
    meta: {
      filter: {
        name: 'status',
        label: 'Status',
        options: (['active', 'blocked'] as const).map((value) => ({ value, label: identityStatusLabels[value] })),
      },
    },
    cell: ({ row }) => <IdentityStatusBadge status={row.original.status} lifecycle={row.original.lifecycle} />,
  }),
  column.accessor('sourceApplicationName', {
    id: 'source',
    header: 'Source',
    cell: ({ getValue }) => getValue<string | null>() ?? <span className="muted">Manual</span>,
  }),
  column.accessor('accountCount', {
    id: 'accounts',
    header: 'Accounts',
    meta: { numeric: true },
    cell: ({ getValue }) => formatCount(getValue<number>()),
  }),
];
