import { importStatuses, importTriggers } from '@/lib/enums';
import { defineTableState } from '@/lib/url-state/define-table-state';

/**
 * The import history's URL state, on /imports and on an application's imports page:
 * `?status=failed&trigger=schedule&page=2&pageSize=50`. Always newest first, so one sort key.
 */
export const importsTableState = defineTableState({
  sortKeys: ['started'],
  defaultSort: { key: 'started', dir: 'desc' },
  filters: { status: importStatuses, trigger: importTriggers },
  pageSizes: [10, 25, 50, 100],
  defaultPageSize: 25,
});

export type ImportsTableState = ReturnType<typeof importsTableState.parse>;
