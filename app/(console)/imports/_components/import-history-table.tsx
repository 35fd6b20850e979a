'use client';

import { useMemo, type ReactNode } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { FilterableEmptyState } from '@/components/data-table/filterable-empty-state';
import { useTableUrlState } from '@/components/data-table/use-table-url-state';
import { importStatuses, importTriggers } from '@/lib/enums';
import type { ImportListItem } from '@/lib/data/imports';
import { importsTableState } from '../search-params';
import { FilterSelectField } from './filter-select';
import { importColumns } from './import-columns';
import { importStatusWords, importTriggerWords } from './import-words';

export interface ImportHistoryTableProps {
  /** One page of imports, newest first, as the server read it for the URL's state. */
  imports: ImportListItem[];
  total: number;
  /** Adds the Application column (every application's imports on one page). */
  withApplication?: boolean;
  /** Shows the "Status" and "Started by" filters. */
  statusFilter?: boolean;
  caption: string;
  /** Shown when there are no imports at all (not when a filter hides them). */
  emptyState: ReactNode;
}

/** The import history: one row per import, status and trigger filters, pagination; all of it in the URL. */
export function ImportHistoryTable({ imports, total, withApplication = false, statusFilter = false, caption, emptyState }: ImportHistoryTableProps) {
  const table = useTableUrlState(importsTableState);
  const columns = useMemo(() => importColumns(withApplication), [withApplication]);

  return (
    <div>
      {statusFilter && (
        <div className="toolbar">
          <FilterSelectField
            label="Status"
            value={table.state.filters.status[0] ?? null}
            allLabel="All statuses"
            options={importStatuses.map((s) => ({ value: s, label: importStatusWords[s].label }))}
            onChange={(value) => table.setFilter('status', value ? [value] : [])}
          />
          <FilterSelectField
            label="Started by"
            value={table.state.filters.trigger[0] ?? null}
            allLabel="Anyone or anything"
            options={importTriggers.map((t) => ({ value: t, label: importTriggerWords[t] }))}
            onChange={(value) => table.setFilter('trigger', value ? [value] : [])}
          />
        </div>
      )}
      <DataTable
        caption={caption}
        columns={columns}
        data={imports}
        getRowId={(row) => row.id}
        isPending={table.isPending}
        emptyState={<FilterableEmptyState isFiltered={table.isFiltered} onClearFilters={table.reset} noMatchTitle="No imports match these filters" empty={emptyState} />}
      />
      <UrlDataTablePagination url={table} pageSizes={importsTableState.pageSizes} total={total} noun="imports" hideWhenEmpty />
    </div>
  );
}
