import {
  createColumnHelper,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table';

/** What a column may tell the kit about itself, through `meta`. */
export interface DataTableColumnMeta {
  /** Right-aligned, tabular figures (counts, sizes). */
  numeric?: boolean;
  /**
   * The cell names its row (e.g. the account name): rendered as `<th scope="row">`, so screen
   * readers announce it when moving along the row, and used as the row's name for selection.
   */
  rowHeader?: boolean;
  /** A faceted filter driven by this column; see `facetedFilters`. */
  filter?: { name: string; label: string; options: ReadonlyArray<{ value: string; label: string }> };
  headerClassName?: string;
  cellClassName?: string;
}

/**
 * The table features the kit uses. Sorting and selection only: sorting is manual (the server
 * sorts), and rows arrive already filtered and paged, so no filtering or pagination row models.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** A column for `DataTable`. Build them with `dataTableColumns<Row>()`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column keeps its own value type, as TanStack's helper does
export type DataTableColumnDef<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

/**
 * The column helper for the kit's features:
 *
 *   const column = dataTableColumns<AccountRow>();
 *   export const columns = [
 *     column.accessor('name', { id: 'account', header: 'Account', meta: { rowHeader: true } }),
 *     column.accessor('accounts', { header: 'Accounts', meta: { numeric: true }, sortDescFirst: true }),
 *     column.display({ id: 'action', header: 'Action', cell: ({ row }) => <RowActions row={row.original} /> }),
 *   ];
 *
 * A column is sortable when its `id` is one of the descriptor's `sortKeys` (and it does not set
 * `enableSorting: false`); `sortDescFirst: true` makes the first click sort descending.
 */
export function dataTableColumns<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}
