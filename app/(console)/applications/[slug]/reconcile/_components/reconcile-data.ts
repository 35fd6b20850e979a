import 'server-only';
import type { ReconcileQuery } from '@/lib/data/reconciliation';
import type { ReconcileTableState } from '../search-params';

/** The data layer's query for a parsed (already sanitised) URL state. */
export function toReconcileQuery(state: ReconcileTableState): ReconcileQuery {
  const { q, sort, dir, page, pageSize, filters } = state;
  return { q, situation: filters.situation, status: filters.status, sort, dir, page, pageSize };
}
