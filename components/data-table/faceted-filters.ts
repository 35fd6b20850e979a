import type { RowData } from '@tanstack/react-table';
import type { DataTableFilter } from './data-table-faceted-filter';
import type { DataTableColumnDef } from './features';

/**
 * The toolbar's filters, read from the columns' `meta.filter`, with counts from the server
 * (filter name → value → rows). Options without a count show none; the column order is kept.
 */
export function facetedFilters<TData extends RowData>(
  columns: readonly DataTableColumnDef<TData>[],
  counts: Readonly<Record<string, Readonly<Record<string, number>>>> = {},
): DataTableFilter[] {
  return columns.flatMap((column) => {
    const filter = column.meta?.filter;
    if (!filter) return [];
    return [
      {
        name: filter.name,
        label: filter.label,
        options: filter.options.map((option) => ({ ...option, count: counts[filter.name]?.[option.value] })),
      },
    ];
  });
}
