'use client';

import { Badge } from '@/components/ui/badge';
import { formatCount } from '@/components/ui/class-names';
import { dataTableColumns, type DataTableColumnDef } from '@/components/data-table/features';
import { linkStatuses, situations } from '@/db/schema/enums';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import { situationLabels, SituationBadge, statusLabels, StatusBadge } from './badges';
import { RowActions } from './row-actions';

const column = dataTableColumns<ReconcileRow>();

const secondLine = { display: 'block', fontSize: 'var(--text-xs)', fontWeight: 400 } as const;

/** The account's other identifiers, under its name: e-mail and key, without repeating the name. */
function accountDetails(row: ReconcileRow): string {
  const parts = [row.email, row.key].filter((part): part is string => Boolean(part) && part !== row.label);
  return [...new Set(parts)].join(' · ');
}

function UserCell({ row }: { row: ReconcileRow }) {
  if (row.user) {
    const name = row.user.displayName ?? row.user.username ?? row.user.email ?? 'Unnamed user';
    const detail = row.user.email ?? row.user.username;
    return (
      <span>
        <span className="row">
          {name}
          {row.user.status === 'blocked' && <Badge tone="danger">Blocked</Badge>}
        </span>
        {detail && detail !== name && (
          <span className="muted" style={secondLine}>
            {detail}
          </span>
        )}
      </span>
    );
  }
  if (row.situation === 'multiple_matches' && row.candidateCount > 1) {
    return <span>{formatCount(row.candidateCount)} candidates</span>;
  }
  return (
    <span className="muted">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">No user</span>
    </span>
  );
}

const readColumns: DataTableColumnDef<ReconcileRow>[] = [
  column.accessor('label', {
    id: 'account',
    header: 'Account',
    meta: { rowHeader: true },
    cell: ({ row }) => {
      const details = accountDetails(row.original);
      return (
        <span>
          {row.original.label}
          {details && (
            <span className="muted" style={secondLine}>
              {details}
            </span>
          )}
        </span>
      );
    },
  }),
  column.accessor('situation', {
    id: 'situation',
    header: 'Situation',
    cell: ({ row }) => <SituationBadge situation={row.original.situation} />,
    meta: { filter: { name: 'situation', label: 'Situation', options: situations.map((value) => ({ value, label: situationLabels[value] })) } },
  }),
  column.accessor((row) => row.user?.displayName ?? row.user?.username ?? '', {
    id: 'user',
    header: 'User',
    cell: ({ row }) => <UserCell row={row.original} />,
  }),
];

const actionColumn = column.display({
  id: 'action',
  header: 'Action',
  cell: ({ row }) => <RowActions row={row.original} />,
});

const statusColumn = column.accessor('linkStatus', {
  id: 'status',
  header: 'Status',
  cell: ({ row }) => <StatusBadge status={row.original.linkStatus} />,
  meta: { filter: { name: 'status', label: 'Status', options: linkStatuses.map((value) => ({ value, label: statusLabels[value] })) } },
});

/** Account, Situation, User, Action, Status: admins get the Action column, viewers do not. */
export const adminColumns: readonly DataTableColumnDef<ReconcileRow>[] = [...readColumns, actionColumn, statusColumn];
export const viewerColumns: readonly DataTableColumnDef<ReconcileRow>[] = [...readColumns, statusColumn];
