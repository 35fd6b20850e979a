'use client';

import { Badge } from '@/components/ui/badge';
import { formatCount } from '@/components/ui/class-names';
import { dataTableColumns, type DataTableColumnDef } from '@/components/data-table/features';
import { linkStatuses, situations } from '@/lib/enums';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import { situationLabels, SituationBadge, statusLabels, StatusBadge } from './badges';
import { AccountLink } from './account-link';
import { RowActions } from './row-actions';

const column = dataTableColumns<ReconcileRow>();

const secondLine = { display: 'block', fontSize: 'var(--text-xs)', fontWeight: 400 } as const;

/** What identifies the account besides its name: its e-mail, else its key (unless that is the name). */
function accountDetail(row: ReconcileRow): string | null {
  const detail = row.email ?? row.key;
  return detail === row.label ? null : detail;
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
  if (row.candidateCount > 0) {
    return <span>{row.candidateCount === 1 ? '1 candidate' : `${formatCount(row.candidateCount)} candidates`}</span>;
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
      const detail = accountDetail(row.original);
      return (
        <span title={`Key: ${row.original.key}`}>
          <AccountLink id={row.original.id}>{row.original.label}</AccountLink>
          {detail && (
            <span className="muted" style={secondLine}>
              {detail}
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
