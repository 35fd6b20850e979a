import { linkStatuses, situations } from '@/lib/enums';
import { reconcilePageSizes, reconcileSortKeys } from '@/lib/reconciliation/query';
import { defineTableState } from '@/lib/url-state/define-table-state';

/** The reconciliation table's URL state: `?q=&situation=a,b&status=c&sort=&dir=&page=&pageSize=`. */
export const reconcileTableState = defineTableState({
  sortKeys: reconcileSortKeys,
  defaultSort: { key: 'account', dir: 'asc' },
  filters: { situation: situations, status: linkStatuses },
  pageSizes: reconcilePageSizes,
  defaultPageSize: 50,
});

export type ReconcileTableState = ReturnType<typeof reconcileTableState.parse>;
