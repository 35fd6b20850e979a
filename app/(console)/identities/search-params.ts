import { identityStatuses } from '@/lib/enums';
import { defineTableState } from '@/lib/url-state/define-table-state';

/**
 * The identities table's URL state: `?q=ada&status=blocked&page=2&pageSize=100`. Always sorted by
 * name (the data layer's one order), so one sort key and no sort buttons.
 */
export const identitiesTableState = defineTableState({
  sortKeys: ['name'],
  defaultSort: { key: 'name', dir: 'asc' },
  filters: { status: identityStatuses },
  pageSizes: [25, 50, 100],
  defaultPageSize: 50,
});

export type IdentitiesTableState = ReturnType<typeof identitiesTableState.parse>;
