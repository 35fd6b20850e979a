'use client';

import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { FilterableEmptyState } from '@/components/data-table/filterable-empty-state';
import { UrlDataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { facetedFilters } from '@/components/data-table/faceted-filters';
import { useTableUrlState } from '@/components/data-table/use-table-url-state';
import { EmptyState } from '@/components/ui/empty-state';
import type { IdentitySummary } from '@/lib/data/identities';
import { identitiesTableState } from '../search-params';
import { AssignToApplicationDialog } from './assign-to-application-dialog';
import { identitiesColumns } from './identities-columns';
import { identityName } from './identity-labels';
import { SyncToApplicationsDialog } from './sync-to-applications-dialog';

const filters = facetedFilters(identitiesColumns);

export interface IdentitiesTableProps {
  identities: IdentitySummary[];
  total: number;
  /** Given to admins: target applications offered by "Sync to applications" (selection or all). */
  syncTargets?: { slug: string; name: string }[];
}

/** One page of identities, searched, filtered and paged by the server; the URL holds the state. */
export function IdentitiesTable({ identities, total, syncTargets }: IdentitiesTableProps) {
  const url = useTableUrlState(identitiesTableState);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  return (
    <div>
      <UrlDataTableToolbar
        url={url}
        searchLabel="Search"
        searchPlaceholder="Search name, e-mail or username…"
        filters={filters}
      >
        {syncTargets && (
          <>
            <AssignToApplicationDialog
              applications={syncTargets}
              selection={selectedIds.length > 0 ? { kind: 'ids', ids: selectedIds } : { kind: 'filter', q: url.state.q, status: url.state.filters.status }}
              what={
                selectedIds.length > 0
                  ? `the ${selectedIds.length.toLocaleString('en')} selected identities`
                  : `all ${total.toLocaleString('en')} identities ${url.isFiltered ? 'matching the search and filters' : 'in the directory'}`
              }
              disabled={total === 0}
              onDone={() => setSelectedIds([])}
            />
            <SyncToApplicationsDialog
              identities={selectedIds}
              applications={syncTargets}
              buttonLabel={selectedIds.length > 0 ? `Sync ${selectedIds.length} selected` : 'Sync selected'}
              disabled={selectedIds.length === 0}
            />
            <SyncToApplicationsDialog identities="all" applications={syncTargets} buttonLabel="Sync all to applications" />
          </>
        )}
      </UrlDataTableToolbar>
      <DataTable
        caption="Identities"
        columns={identitiesColumns}
        data={identities}
        getRowId={(row) => row.id}
        selection={syncTargets ? { selectedIds, onSelectedIdsChange: setSelectedIds, getRowLabel: identityName } : undefined}
        isPending={url.isPending}
        emptyState={
          <FilterableEmptyState
            isFiltered={url.isFiltered}
            onClearFilters={url.reset}
            noMatchTitle="No identity matches"
            noMatchDescription="Try other words, or clear the filters."
            empty={
              <EmptyState
                title="No identities yet"
                description="Import the feed of a source application such as HR to create them, or create a user by hand."
              />
            }
          />
        }
      />
      <UrlDataTablePagination url={url} pageSizes={identitiesTableState.pageSizes} total={total} noun="identities" />
    </div>
  );
}
