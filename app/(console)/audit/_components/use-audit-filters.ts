'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useOptimistic, useTransition } from 'react';
import { mergeSearchParams } from '@/lib/url-state/merge-search-params';
import { auditFilterNames, parseAuditFilters, type AuditFilterName, type AuditFilters } from '../search-params';

/** The audit log's filters in the URL: a change goes back to page 1 and keeps every other parameter. */
export function useAuditFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlFilters = useMemo(() => parseAuditFilters(searchParams), [searchParams]);
  const [filters, setOptimistic] = useOptimistic(urlFilters);
  const [isPending, startTransition] = useTransition();

  const navigate = (next: AuditFilters) => {
    const own = new URLSearchParams();
    for (const name of auditFilterNames) if (next[name]) own.set(name, next[name]);
    const query = mergeSearchParams(searchParams, [...auditFilterNames, 'page'], own).toString();
    startTransition(() => {
      setOptimistic(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    });
  };

  return {
    filters,
    isPending,
    isFiltered: auditFilterNames.some((name) => filters[name] !== ''),
    setFilter: (name: AuditFilterName, value: string) => navigate({ ...filters, [name]: value }),
    clear: () => navigate({ actor: '', action: '', application: '' }),
  };
}
