'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useOptimistic, useTransition } from 'react';
import { parseImportDetail, serializeDetailTable, type DetailTableName, type DetailTableState } from '../../search-params';

/**
 * One of the import page's two tables, its state in the URL under its own parameters: changes go
 * through `router.replace` in a transition (the rows dim while the server renders the new page)
 * and leave the other table's parameters alone.
 */
export function useDetailTable(name: DetailTableName) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlState = useMemo<DetailTableState<string>>(() => parseImportDetail(searchParams)[name], [searchParams, name]);
  const [state, setOptimistic] = useOptimistic(urlState);
  const [isPending, startTransition] = useTransition();

  const navigate = useCallback(
    (patch: Partial<DetailTableState<string>>) => {
      const next = { ...state, ...patch };
      const params = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(serializeDetailTable(name, next))) {
        if (value === null) params.delete(key);
        else params.set(key, value);
      }
      const query = params.toString();
      startTransition(() => {
        setOptimistic(next);
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [state, searchParams, name, pathname, router, setOptimistic],
  );

  return {
    state,
    isPending,
    setFilter: (filter: string | null) => navigate({ filter, page: 1 }),
    setPage: (page: number) => navigate({ page }),
    setPageSize: (pageSize: number) => navigate({ pageSize, page: Math.floor(((state.page - 1) * state.pageSize) / pageSize) + 1 }),
  };
}
