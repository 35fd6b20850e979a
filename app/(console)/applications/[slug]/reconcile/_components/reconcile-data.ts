import 'server-only';
import type { DataContext } from '@/lib/data/context';
import { listReconciliation, type ReconcileQuery } from '@/lib/data/reconciliation';
import type { ReconcileTableState } from '../search-params';

/** The data layer's query for a parsed (already sanitised) URL state. */
export function toReconcileQuery(state: ReconcileTableState): ReconcileQuery {
  const { q, sort, dir, page, pageSize, filters } = state;
  return { q, situation: filters.situation, status: filters.status, sort, dir, page, pageSize };
}

/** Every active account of the application by situation, whatever the table shows. */
export async function getSituationCounts(ctx: DataContext, applicationId: string) {
  const { counts } = await listReconciliation(ctx, applicationId, { q: '', situation: [], status: [], sort: 'account', dir: 'asc', page: 1, pageSize: 1 });
  return counts.situation;
}

/**
 * How many accounts "Confirm all exact matches" would confirm for this state: exact matches that
 * need confirmation, within its search and filters (none if the filters leave those out).
 */
export async function countConfirmable(ctx: DataContext, applicationId: string, state: ReconcileTableState): Promise<number> {
  const { situation, status } = state.filters;
  if (situation.length > 0 && !situation.includes('exact_match')) return 0;
  if (status.length > 0 && !status.includes('needs_confirmation')) return 0;
  const { total } = await listReconciliation(ctx, applicationId, {
    q: state.q,
    situation: ['exact_match'],
    status: ['needs_confirmation'],
    sort: 'account',
    dir: 'asc',
    page: 1,
    pageSize: 1,
  });
  return total;
}
