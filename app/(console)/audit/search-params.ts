import { defineTableState, type SearchParamsInput } from '@/lib/url-state/define-table-state';
import { firstValue, sanitizeQuery } from '@/lib/url-state/sanitize';

/** The audit log's paging: always newest first. `?page=2&pageSize=100`. */
export const auditTableState = defineTableState({
  sortKeys: ['at'],
  defaultSort: { key: 'at', dir: 'desc' },
  pageSizes: [25, 50, 100],
  defaultPageSize: 50,
});

/**
 * Its filters take values found in the data (actors, actions, application slugs), not a fixed
 * list, so they sit beside the descriptor: `?actor=ada@example.com&action=account.confirm&application=crm`.
 * Each is cleaned like search text and only ever used as a query value; `''` means "all".
 */
export const auditFilterNames = ['actor', 'action', 'application'] as const;
export type AuditFilterName = (typeof auditFilterNames)[number];
export type AuditFilters = Record<AuditFilterName, string>;

export function parseAuditFilters(params: SearchParamsInput): AuditFilters {
  const read = (name: string) =>
    firstValue('getAll' in params && typeof params.getAll === 'function' ? params.getAll(name) : (params as Record<string, string | string[] | undefined>)[name]);
  return { actor: sanitizeQuery(read('actor')), action: sanitizeQuery(read('action')), application: sanitizeQuery(read('application')) };
}
