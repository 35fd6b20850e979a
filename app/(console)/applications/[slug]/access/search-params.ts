import { assignmentSortKeys } from '@/lib/data/assignment-sort';
import { assignmentOrigins, assignmentStatuses, licenceStates } from '@/lib/enums';
import { defineTableState } from '@/lib/url-state/define-table-state';

/** The Access tab's assigned-identities table: `?q=&status=suspended&licence=waiting&origin=rule&sort=&dir=&page=&pageSize=`. */
export const assignmentsTableState = defineTableState({
  sortKeys: assignmentSortKeys,
  defaultSort: { key: 'name', dir: 'asc' },
  filters: { status: assignmentStatuses, licence: licenceStates, origin: assignmentOrigins },
  pageSizes: [25, 50, 100],
  defaultPageSize: 50,
});

export type AssignmentsTableState = ReturnType<typeof assignmentsTableState.parse>;
