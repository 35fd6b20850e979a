'use client';

import Link from 'next/link';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { dataTableColumns } from '@/components/data-table/features';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { FilterableEmptyState } from '@/components/data-table/filterable-empty-state';
import { UrlDataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { facetedFilters } from '@/components/data-table/faceted-filters';
import { useTableUrlState } from '@/components/data-table/use-table-url-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCompactDateTime } from '@/app/(console)/imports/_components/import-words';
import type { AssignmentRow } from '@/lib/data/assignments';
import { assignmentOrigins, assignmentStatuses, licenceStates } from '@/lib/enums';
import { activateLicencesAction, deactivateLicencesAction, unassignAction } from '../actions';
import { assignmentsTableState } from '../search-params';
import { AssignmentStatusBadge, LicenceBadge, assignmentStatusLabels, licenceStateLabels, originLabels } from './access-badges';
import { countOf, useAccessAction } from './use-access-action';

const column = dataTableColumns<AssignmentRow>();
const dash = <span className="muted">—</span>;

const columns = [
  column.accessor('name', {
    header: 'Identity',
    meta: { rowHeader: true, cellClassName: 'nowrap' },
    cell: ({ row, getValue }) => <Link href={`/identities/${row.original.identityId}`}>{getValue<string>()}</Link>,
  }),
  column.accessor('email', { header: 'E-mail', enableSorting: false, cell: ({ row }) => row.original.email ?? row.original.username ?? dash }),
  column.accessor('status', {
    header: 'Status',
    meta: { filter: { name: 'status', label: 'Status', options: assignmentStatuses.map((value) => ({ value, label: assignmentStatusLabels[value] })) } },
    cell: ({ row }) => <AssignmentStatusBadge status={row.original.status} />,
  }),
  column.accessor('role', {
    header: 'Role',
    cell: ({ row }) => (row.original.role ? <span className="mono">{row.original.role}</span> : dash),
  }),
  column.accessor('origin', {
    header: 'Assigned',
    enableSorting: false,
    meta: { filter: { name: 'origin', label: 'Assigned', options: assignmentOrigins.map((value) => ({ value, label: originLabels[value] })) } },
    cell: ({ row }) => (row.original.origin === 'rule' && row.original.ruleGroup ? `By rule (${row.original.ruleGroup})` : originLabels[row.original.origin]),
  }),
  column.accessor('licenceState', {
    id: 'licence',
    header: 'Licence',
    meta: { filter: { name: 'licence', label: 'Licence', options: licenceStates.map((value) => ({ value, label: licenceStateLabels[value] })) } },
    cell: ({ row }) => <LicenceBadge state={row.original.licenceState} />,
  }),
  column.accessor('updatedAt', {
    id: 'updated',
    header: 'Updated (UTC)',
    sortDescFirst: true,
    cell: ({ getValue }) => <span className="nowrap">{formatCompactDateTime(new Date(getValue<Date>()))}</span>,
  }),
];

export interface AssignmentsTableProps {
  slug: string;
  rows: AssignmentRow[];
  total: number;
  counts: Record<string, Record<string, number>>;
  canAct: boolean;
}

/** The application's assigned identities: searched, filtered, sorted and paged by the server, state in the URL. */
export function AssignmentsTable({ slug, rows, total, counts, canAct }: AssignmentsTableProps) {
  const url = useTableUrlState(assignmentsTableState);
  const [selected, setSelected] = useState<string[]>([]);
  const { pending, error, perform } = useAccessAction();
  const done = () => setSelected([]);
  const chosen = countOf(selected.length, 'identity', 'identities');

  return (
    <div className="stack stack-sm">
      <UrlDataTableToolbar
        url={url}
        searchLabel="Search assigned identities"
        searchPlaceholder="Name, e-mail or username"
        filters={facetedFilters(columns, counts)}
      >
        {canAct && selected.length > 0 && (
          <div className="row row-wrap" role="group" aria-label="Selected identities">
            <span className="muted text-sm">{chosen} selected</span>
            <Button size="sm" disabled={pending} onClick={() => perform(() => activateLicencesAction({ slug, identityIds: selected }), (r) => activationWords(r), done)}>
              Activate licence
            </Button>
            <Button size="sm" disabled={pending} onClick={() => perform(() => deactivateLicencesAction({ slug, identityIds: selected }), (r) => `${countOf(r.deactivated, 'licence', 'licences')} taken back.`, done)}>
              Take back licence
            </Button>
            <Button
              size="sm"
              variant="danger"
              disabled={pending}
              onClick={() =>
                perform(
                  () => unassignAction({ slug, selection: { kind: 'ids', ids: selected } }),
                  (r) => `${countOf(r.removed, 'identity', 'identities')} unassigned${r.keptByRule ? `; ${r.keptByRule} kept by a rule` : ''}.`,
                  done,
                )
              }
            >
              Unassign
            </Button>
          </div>
        )}
      </UrlDataTableToolbar>
      {error && <Alert tone="error">{error.message}</Alert>}
      <DataTable
        caption="Assigned identities"
        columns={columns}
        data={rows}
        getRowId={(row) => row.identityId}
        sortKeys={assignmentsTableState.sortKeys}
        sort={url.sorting}
        onSortChange={url.setSort}
        isPending={url.isPending}
        selection={canAct ? { selectedIds: selected, onSelectedIdsChange: setSelected, getRowLabel: (row) => row.name } : undefined}
        emptyState={
          <FilterableEmptyState
            isFiltered={url.isFiltered}
            onClearFilters={url.reset}
            noMatchTitle="No assigned identity matches"
            noMatchDescription="Try other words, or clear the filters."
            empty={<EmptyState title="Nobody is assigned yet" description="Assign identities from the Identities page, or add an entitlement rule above." />}
          />
        }
      />
      <UrlDataTablePagination url={url} pageSizes={assignmentsTableState.pageSizes} total={total} noun="identities" />
    </div>
  );
}

export function activationWords(outcomes: { licenceState: string }[]): string {
  const active = outcomes.filter((o) => o.licenceState === 'active').length;
  const waiting = outcomes.filter((o) => o.licenceState === 'waiting').length;
  return `Licences: ${active.toLocaleString('en')} active, ${waiting.toLocaleString('en')} waiting.`;
}
