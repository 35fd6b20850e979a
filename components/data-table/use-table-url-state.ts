'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useOptimistic, useTransition } from 'react';
import type { FilterConfig, TableState, TableStateDescriptor } from '@/lib/url-state/define-table-state';
import { mergeSearchParams } from '@/lib/url-state/merge-search-params';
import type { DataTableSort } from './data-table';

export interface TableUrlState<TSort extends string, TFilters extends FilterConfig> {
  /** The state the controls should show: the URL's, or the one just asked for while it loads. */
  state: TableState<TSort, TFilters>;
  /** `{ key, dir }` for `DataTable`'s `sort` prop. */
  sorting: DataTableSort;
  /** A navigation is in flight: the server is rendering the rows for the new state. */
  isPending: boolean;
  isFiltered: boolean;
  /** New search text; back to page 1. */
  setQuery: (q: string) => void;
  /** New values for one filter; back to page 1. Unknown names and values are dropped. */
  setFilter: (name: string, values: readonly string[]) => void;
  /** New sort; back to page 1 (page 7 of another order means nothing). */
  setSort: (sort: DataTableSort) => void;
  setPage: (page: number) => void;
  /** New page size; the page changes so that the first row shown stays in view. */
  setPageSize: (pageSize: number) => void;
  /** Clears the search text and every filter; keeps the sort and the page size. */
  reset: () => void;
}

/**
 * Reads a table's state from the URL and writes changes back with `router.replace` inside a
 * transition, so the server re-renders the rows while the controls already show the new state
 * (`useOptimistic`) and the table dims (`isPending`). Parameters the descriptor does not own are
 * kept. The server parses the same URL with the same descriptor, so both always agree.
 */
export function useTableUrlState<TSort extends string, TFilters extends FilterConfig>(
  descriptor: TableStateDescriptor<TSort, TFilters>,
): TableUrlState<TSort, TFilters> {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlState = useMemo(() => descriptor.parse(searchParams), [descriptor, searchParams]);
  const [state, setOptimisticState] = useOptimistic(urlState);
  const [isPending, startTransition] = useTransition();

  const navigate = useCallback(
    (patch: Partial<TableState<TSort, TFilters>>) => {
      const next = descriptor.normalize({ ...state, ...patch });
      const query = mergeSearchParams(searchParams, descriptor.paramNames, descriptor.serialize(next)).toString();
      startTransition(() => {
        setOptimisticState(next);
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [descriptor, state, searchParams, pathname, router, setOptimisticState],
  );

  const setQuery = useCallback((q: string) => navigate({ q, page: 1 }), [navigate]);
  const setFilter = useCallback(
    (name: string, values: readonly string[]) =>
      navigate({ filters: { ...state.filters, [name]: values }, page: 1 } as Partial<TableState<TSort, TFilters>>),
    [navigate, state.filters],
  );
  const setSort = useCallback((sort: DataTableSort) => navigate({ sort: sort.key as TSort, dir: sort.dir, page: 1 }), [navigate]);
  const setPage = useCallback((page: number) => navigate({ page }), [navigate]);
  const setPageSize = useCallback(
    (pageSize: number) => navigate({ pageSize, page: Math.floor(((state.page - 1) * state.pageSize) / pageSize) + 1 }),
    [navigate, state.page, state.pageSize],
  );
  const reset = useCallback(() => navigate({ q: '', filters: descriptor.defaults.filters, page: 1 }), [navigate, descriptor]);

  const sorting = useMemo(() => ({ key: state.sort, dir: state.dir }), [state.sort, state.dir]);

  return {
    state,
    sorting,
    isPending,
    isFiltered: descriptor.isFiltered(state),
    setQuery,
    setFilter,
    setSort,
    setPage,
    setPageSize,
    reset,
  };
}
