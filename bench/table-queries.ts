/**
 * The reconciliation table's queries through the real data-layer function (listReconciliation: the
 * page and the faceted counts, as the page runs them), each repeated and reported as p50 / p95.
 */
import type { DataContext } from '@/lib/data/context';
import { listReconciliation, type ReconcileQuery } from '@/lib/data/reconciliation';
import { situations } from '@/lib/enums';
import { percentile, type Figure, type Target } from './figures';

const firstPage: ReconcileQuery = { q: '', situation: [], status: [], sort: 'account', dir: 'asc', page: 1, pageSize: 50 };

const situationLabels: Record<(typeof situations)[number], string> = {
  no_match: 'No match',
  exact_match: 'Exact match',
  multiple_matches: 'Multiple matches',
  manually_linked: 'Manually linked',
};

export const tableVariants: { id: string; label: string; query: ReconcileQuery }[] = [
  { id: 'first-page', label: 'first page', query: firstPage },
  { id: 'search', label: 'search "smith"', query: { ...firstPage, q: 'smith' } },
  // A pattern shorter than a trigram: the index cannot narrow it, so every active account of the
  // application is read and compared (and about a fifth of them match).
  { id: 'search-short', label: 'search "an" (two letters: no trigram narrows it)', query: { ...firstPage, q: 'an' } },
  ...situations.map((s) => ({ id: `situation-${s}`, label: `situation: ${situationLabels[s]}`, query: { ...firstPage, situation: [s] } })),
  { id: 'sort-user', label: 'sorted by user, descending', query: { ...firstPage, sort: 'user' as const, dir: 'desc' as const } },
  { id: 'page-500', label: 'page 500 (50 a page)', query: { ...firstPage, page: 500 } },
];

export async function benchTableQueries(
  ctx: DataContext,
  driver: string,
  applicationId: string,
  options: { runs: number; sizeLabel: string; target: Target; variants?: typeof tableVariants },
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const variant of options.variants ?? tableVariants) {
    const times: number[] = [];
    let total = 0;
    let rows = 0;
    for (let i = 0; i < options.runs + 2; i++) {
      const started = performance.now();
      const result = await listReconciliation(ctx, applicationId, variant.query);
      // the first two runs warm the caches and are not counted
      if (i >= 2) times.push(performance.now() - started);
      total = result.total;
      rows = result.rows.length;
    }
    times.sort((a, b) => a - b);
    figures.push({
      driver,
      id: `table.${options.sizeLabel}.${variant.id}`,
      label: `table @${options.sizeLabel}: ${variant.label} (p50 / p95)`,
      value: percentile(times, 0.95),
      p50: percentile(times, 0.5),
      unit: 'ms',
      target: options.target,
      detail: `${rows} rows of ${total.toLocaleString('en-US')}, ${options.runs} runs`,
    });
  }
  return figures;
}
