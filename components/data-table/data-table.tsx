'use client';

import { FlexRender, useTable, type Row, type RowData, type RowSelectionState, type Updater } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { cx } from '@/components/ui/class-names';
import { EmptyState } from '@/components/ui/empty-state';
import { DataTableHeaderCell } from './data-table-header-cell';
import { DataTableSelectAll, DataTableSelectRow } from './data-table-selection';
import { dataTableFeatures, type DataTableColumnDef, type DataTableFeatures } from './features';

export interface DataTableSort {
  key: string;
  dir: 'asc' | 'desc';
}

export interface DataTableSelection<TData extends RowData> {
  selectedIds: readonly string[];
  onSelectedIdsChange: (ids: string[]) => void;
  /** Names a row in its checkbox label ("Select ada@example.com"); defaults to the row-header cell. */
  getRowLabel?: (row: TData) => string;
  /** Rows that cannot be selected get a disabled checkbox. */
  canSelect?: (row: TData) => boolean;
}

export interface DataTableProps<TData extends RowData> {
  /** The table's accessible name (a visually hidden `<caption>`), e.g. "Accounts". */
  caption: string;
  columns: readonly DataTableColumnDef<TData>[];
  /** One page of rows, already filtered, sorted and paged by the server. */
  data: readonly TData[];
  getRowId: (row: TData) => string;
  /** Column ids the server can sort by: the descriptor's `sortKeys`. */
  sortKeys?: readonly string[];
  sort?: DataTableSort;
  onSortChange?: (sort: DataTableSort) => void;
  /** The server is re-rendering for a new URL: the rows are dimmed and the table is `aria-busy`. */
  isPending?: boolean;
  /** Shown in place of the rows when there are none. */
  emptyState?: ReactNode;
  /** Adds a checkbox column; the selection is held by the caller. */
  selection?: DataTableSelection<TData>;
  className?: string;
}

/**
 * A server-driven table: it renders the page of rows it is given and reports sort clicks; the
 * URL (see `useTableUrlState`) and the server do the rest. Real `<table>` semantics throughout.
 */
export function DataTable<TData extends RowData>({
  caption,
  columns,
  data,
  getRowId,
  sortKeys = [],
  sort,
  onSortChange,
  isPending = false,
  emptyState,
  selection,
  className,
}: DataTableProps<TData>) {
  const sorting = useMemo(() => (sort ? [{ id: sort.key, desc: sort.dir === 'desc' }] : []), [sort]);
  const rowSelection = useMemo(
    () => Object.fromEntries((selection?.selectedIds ?? []).map((id) => [id, true] as const)) as RowSelectionState,
    [selection?.selectedIds],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => getRowId(row),
    state: { sorting, rowSelection },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
    enableRowSelection: selection?.canSelect ? (row) => selection.canSelect!(row.original) : Boolean(selection),
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      if (!selection) return;
      const next = typeof updater === 'function' ? updater(rowSelection) : updater;
      selection.onSelectedIdsChange(Object.keys(next).filter((id) => next[id]));
    },
  });

  const rows = table.getRowModel().rows;
  const leafCount = table.getAllLeafColumns().length + (selection ? 1 : 0);
  const rowHeaderId = table.getAllLeafColumns().find((column) => column.columnDef.meta?.rowHeader)?.id;
  const rowLabel = (row: Row<DataTableFeatures, TData>): string => {
    const custom = selection?.getRowLabel?.(row.original);
    if (custom) return custom;
    const value = rowHeaderId ? row.getValue(rowHeaderId) : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : `row ${row.index + 1}`;
  };

  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className={cx('table', isPending && 'is-pending', className)} aria-busy={isPending || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selection && (
                <th scope="col" className="table-select">
                  <DataTableSelectAll table={table} />
                </th>
              )}
              {group.headers.map((header) => (
                <DataTableHeaderCell
                  key={header.id}
                  header={header}
                  sortable={sortKeys.includes(header.column.id) && header.column.columnDef.enableSorting !== false}
                  sort={sort}
                  onSortChange={onSortChange}
                />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="table-empty">
              <td colSpan={leafCount}>{emptyState ?? <EmptyState title="Nothing to show" />}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} data-selected={row.getIsSelected() || undefined}>
                {selection && (
                  <td className="table-select">
                    <DataTableSelectRow row={row} label={rowLabel(row)} />
                  </td>
                )}
                {row.getAllCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  const Cell = meta?.rowHeader ? 'th' : 'td';
                  return (
                    <Cell key={cell.id} scope={meta?.rowHeader ? 'row' : undefined} className={cx(meta?.numeric && 'num', meta?.cellClassName)}>
                      <FlexRender cell={cell} />
                    </Cell>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
