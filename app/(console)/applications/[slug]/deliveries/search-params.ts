import { deliveryStatuses } from '@/lib/enums';
import { defineTableState } from '@/lib/url-state/define-table-state';

/** The delivery log's URL state: `?status=failed&sort=lastAttemptAt&dir=desc&page=2`. Newest first by default. */
export const deliveriesTableState = defineTableState({
  sortKeys: ['createdAt', 'lastAttemptAt', 'attempts'],
  defaultSort: { key: 'createdAt', dir: 'desc' },
  filters: { status: deliveryStatuses },
  pageSizes: [25, 50, 100],
  defaultPageSize: 25,
});
