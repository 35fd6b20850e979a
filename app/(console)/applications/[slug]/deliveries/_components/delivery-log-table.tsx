'use client';

import { useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { DataTablePagination } from '@/components/data-table/data-table-pagination';
import { UrlDataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { facetedFilters } from '@/components/data-table/faceted-filters';
import { useTableUrlState } from '@/components/data-table/use-table-url-state';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { DeliveryStatus } from '@/lib/enums';
import { deliveriesTableState } from '../search-params';
import { deliveryColumns } from './delivery-columns';
import type { DeliveryRow } from './delivery-row';

export interface DeliveryLogTableProps {
  slug: string;
  rows: DeliveryRow[];
  total: number;
  counts: Record<DeliveryStatus, number>;
  canEdit: boolean;
}

/** The application's events and their delivery, filtered, sorted and paged by the server; the URL holds the state. */
export function DeliveryLogTable({ slug, rows, total, counts, canEdit }: DeliveryLogTableProps) {
  const url = useTableUrlState(deliveriesTableState);
  const columns = useMemo(() => deliveryColumns(slug, canEdit), [slug, canEdit]);
  const filters = useMemo(() => facetedFilters(columns, { status: counts }), [columns, counts]);

  return (
    <div>
      <UrlDataTableToolbar
        url={url}
        searchLabel="Search events"
        searchPlaceholder="Search event type or identity…"
        filters={filters}
      />
      <DataTable
        caption="Delivery log"
        columns={columns}
        data={rows}
        getRowId={(row) => row.id}
        sortKeys={deliveriesTableState.sortKeys}
        sort={url.sorting}
        onSortChange={url.setSort}
        isPending={url.isPending}
        emptyState={
          url.isFiltered ? (
            <EmptyState title="No event matches" description="Try other words, or clear the filters." actions={<Button onClick={url.reset}>Reset filters</Button>} />
          ) : (
            <EmptyState
              title="No events yet"
              description="Events appear here when an identity assigned to this application changes, on Sync to applications, or with Send test event."
            />
          )
        }
      />
      <DataTablePagination
        page={url.state.page}
        pageSize={url.state.pageSize}
        pageSizes={deliveriesTableState.pageSizes}
        total={total}
        onPageChange={url.setPage}
        onPageSizeChange={url.setPageSize}
        noun="events"
      />
    </div>
  );
}
