'use client';

import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { FilterableEmptyState } from '@/components/data-table/filterable-empty-state';
import { UrlDataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { facetedFilters } from '@/components/data-table/faceted-filters';
import { useTableUrlState } from '@/components/data-table/use-table-url-state';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LinkButton } from '@/components/ui/link-button';
import type { ReconcileResult } from '@/lib/data/reconciliation';
import { pageRange } from '@/lib/url-state/page-range';
import { reconcileTableState, type ReconcileTableState } from '../search-params';
import { AccountActionsProvider } from './account-actions-provider';
import { adminColumns, viewerColumns } from './columns';
import { ReconcileBulkActions } from './bulk-actions';

export interface ReconcileTableProps {
  slug: string;
  applicationName: string;
  result: ReconcileResult;
  /** The state the server rendered `result` for (the URL may already say more while it loads). */
  rendered: ReconcileTableState;
  /** Viewers see no action controls; the server would refuse them anyway. */
  canAct: boolean;
}

/**
 * The reconciliation table: search, faceted filters with counts, sortable headers and paging, all
 * kept in the URL; per-row actions and the two dialogs they open.
 */
export function ReconcileTable({ slug, applicationName, result, rendered, canAct }: ReconcileTableProps) {
  const url = useTableUrlState(reconcileTableState);
  // Ticked accounts belong to the view they were ticked in: another page, search or filter starts afresh.
  const view = JSON.stringify(rendered);
  const [ticked, setTicked] = useState<{ view: string; ids: string[] }>({ view, ids: [] });
  const selectedIds = ticked.view === view ? ticked.ids : [];
  const setSelectedIds = (ids: string[]) => setTicked({ view, ids });
  const columns = canAct ? adminColumns : viewerColumns;
  const filters = facetedFilters(columns, result.counts);
  const renderedFiltered = reconcileTableState.isFiltered(rendered);
  const { isPastEnd } = pageRange(rendered.page, rendered.pageSize, result.total);
  const hasNoAccounts = result.total === 0 && !renderedFiltered;

  // With no accounts at all the table says so (not "past the end"), whatever page the link asks for.
  const emptyState =
    isPastEnd && !hasNoAccounts ? (
      <EmptyState
        title={`Page ${rendered.page} is past the end`}
        description="The accounts have changed since this link was made."
        actions={<Button onClick={() => url.setPage(1)}>Go to the first page</Button>}
      />
    ) : (
      <FilterableEmptyState
        isFiltered={renderedFiltered}
        onClearFilters={url.reset}
        noMatchTitle="No accounts match these filters"
        noMatchDescription="Try other words, or clear the search and filters to see every account."
        empty={
          <EmptyState
            title="No accounts yet"
            description={`Upload a feed of ${applicationName}'s accounts: each one is then matched to a user and listed here.`}
            actions={
              <LinkButton href={`/applications/${slug}/imports`} variant="primary">
                Go to Imports
              </LinkButton>
            }
          />
        }
      />
    );

  return (
    <AccountActionsProvider canAct={canAct}>
      <UrlDataTableToolbar
        url={url}
        searchLabel="Search"
        searchPlaceholder="Name, e-mail or username"
        filters={filters}
      >
        {canAct && (
          <ReconcileBulkActions
            slug={slug}
            selected={result.rows.filter((row) => selectedIds.includes(row.id))}
            filter={{ kind: 'filter', q: rendered.q, situation: rendered.filters.situation, status: rendered.filters.status }}
            isFiltered={renderedFiltered}
            isStale={url.isPending}
            confirmable={result.confirmable}
            creatable={result.creatable}
            onDone={() => setSelectedIds([])}
          />
        )}
      </UrlDataTableToolbar>
      <DataTable
        caption="Accounts"
        columns={columns}
        data={result.rows}
        getRowId={(row) => row.id}
        sortKeys={reconcileTableState.sortKeys}
        sort={url.sorting}
        onSortChange={url.setSort}
        isPending={url.isPending}
        emptyState={emptyState}
        selection={canAct ? { selectedIds, onSelectedIdsChange: setSelectedIds, getRowLabel: (row) => row.label } : undefined}
      />
      {!hasNoAccounts && (
        <UrlDataTablePagination url={url} pageSizes={reconcileTableState.pageSizes} total={result.total} />
      )}
    </AccountActionsProvider>
  );
}
