'use client';

import type { Row, RowData, Table } from '@tanstack/react-table';
import type { DataTableFeatures } from './features';

/** The header checkbox: selects or clears every selectable row on this page; mixed when some are. */
export function DataTableSelectAll<TData extends RowData>({ table }: { table: Table<DataTableFeatures, TData> }) {
  const all = table.getIsAllPageRowsSelected();
  const some = table.getIsSomePageRowsSelected();
  return (
    <input
      type="checkbox"
      aria-label="Select all rows on this page"
      checked={all}
      ref={(element) => {
        if (element) element.indeterminate = some && !all;
      }}
      disabled={table.getRowModel().rows.length === 0}
      onChange={(event) => table.toggleAllPageRowsSelected(event.target.checked)}
    />
  );
}

export function DataTableSelectRow<TData extends RowData>({ row, label }: { row: Row<DataTableFeatures, TData>; label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={`Select ${label}`}
      checked={row.getIsSelected()}
      disabled={!row.getCanSelect()}
      onChange={(event) => row.toggleSelected(event.target.checked)}
    />
  );
}
