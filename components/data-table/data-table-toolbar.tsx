'use client';

import type { ReactNode } from 'react';
import { DataTableFacetedFilter, type DataTableFilter } from './data-table-faceted-filter';
import { DataTableSearch } from './data-table-search';

export interface DataTableToolbarProps {
  /** The search box's accessible name, e.g. "Search accounts". */
  searchLabel?: string;
  searchPlaceholder?: string;
  query: string;
  onQueryChange: (q: string) => void;
  /** One control per filter, in this order. Build them by hand or with `facetedFilters(columns, counts)`. */
  filters?: readonly DataTableFilter[];
  /** Filter name → selected values (the URL state's `filters`). */
  filterValues?: Readonly<Record<string, readonly string[]>>;
  onFilterChange?: (name: string, values: string[]) => void;
  /** When true and `onReset` is given, a "Reset filters" button appears. */
  isFiltered?: boolean;
  onReset?: () => void;
  /** Extra controls at the right end: bulk actions, export, etc. */
  children?: ReactNode;
}

/** Search, faceted filters and a reset, in one row above the table. */
export function DataTableToolbar({
  searchLabel = 'Search',
  searchPlaceholder,
  query,
  onQueryChange,
  filters = [],
  filterValues = {},
  onFilterChange,
  isFiltered = false,
  onReset,
  children,
}: DataTableToolbarProps) {
  return (
    <div className="toolbar">
      <DataTableSearch label={searchLabel} placeholder={searchPlaceholder ?? `${searchLabel}…`} query={query} onQueryChange={onQueryChange} />
      {onFilterChange &&
        filters.map((filter) => (
          <DataTableFacetedFilter
            key={filter.name}
            filter={filter}
            selected={filterValues[filter.name] ?? []}
            onChange={(values) => onFilterChange(filter.name, values)}
          />
        ))}
      {isFiltered && onReset && (
        <button type="button" className="button button-ghost" onClick={onReset}>
          Reset filters
        </button>
      )}
      {children && (
        <>
          <span className="toolbar-spacer" />
          <div className="row row-wrap">{children}</div>
        </>
      )}
    </div>
  );
}

/**
 * The part of a table's URL state the toolbar reads and writes. `useTableUrlState` gives it.
 */
export interface FilterableUrlState {
  state: { q: string; filters: Readonly<Record<string, readonly string[]>> };
  isFiltered: boolean;
  setQuery: (q: string) => void;
  setFilter: (name: string, values: readonly string[]) => void;
  reset: () => void;
}

export interface UrlDataTableToolbarProps extends Pick<DataTableToolbarProps, 'searchLabel' | 'searchPlaceholder' | 'filters' | 'children'> {
  url: FilterableUrlState;
}

/** `DataTableToolbar` reading the search text and filters from the URL state and writing changes back to it. */
export function UrlDataTableToolbar({ url, ...toolbar }: UrlDataTableToolbarProps) {
  return (
    <DataTableToolbar
      {...toolbar}
      query={url.state.q}
      onQueryChange={url.setQuery}
      filterValues={url.state.filters}
      onFilterChange={url.setFilter}
      isFiltered={url.isFiltered}
      onReset={url.reset}
    />
  );
}
