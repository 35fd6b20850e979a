import { linkStatuses, situations } from '@/db/schema/enums';
import type { ReconcileSortKey, reconcilePageSizes } from '@/lib/data/reconciliation';
import { defineTableState } from '@/lib/url-state/define-table-state';

/*
 * The sort keys and page sizes are the data layer's (`reconcileSortKeys`, `reconcilePageSizes`), but
 * that module is server-only and this descriptor also runs in the browser (the table writes the URL
 * with it). So they are repeated here and the compiler checks that both lists stay identical.
 */
const sortKeys = ['account', 'situation', 'user', 'status', 'updated'] as const satisfies readonly ReconcileSortKey[];
const pageSizes = [10, 25, 50, 100] as const satisfies typeof reconcilePageSizes;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sortKeysMatch: Same<(typeof sortKeys)[number], ReconcileSortKey> = true;
void sortKeysMatch;

/** The reconciliation table's URL state: `?q=&situation=a,b&status=c&sort=&dir=&page=&pageSize=`. */
export const reconcileTableState = defineTableState({
  sortKeys,
  defaultSort: { key: 'account', dir: 'asc' },
  filters: { situation: situations, status: linkStatuses },
  pageSizes,
  defaultPageSize: 50,
});

export type ReconcileTableState = ReturnType<typeof reconcileTableState.parse>;
