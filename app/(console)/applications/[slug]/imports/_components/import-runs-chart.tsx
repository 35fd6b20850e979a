import { BarChart } from '@/components/ui/bar-chart';
import { formatCount } from '@/components/ui/class-names';
import type { ImportListItem } from '@/lib/data/imports';
import { formatShortDate } from '@/app/(console)/imports/_components/import-words';

/** How many runs the chart shows; fewer runs leave empty slots on the left, so a bar always has the same width. */
export const CHART_RUNS = 20;

const series = [
  { key: 'added', label: 'Added', color: 'var(--chart-2)' },
  { key: 'updated', label: 'Updated', color: 'var(--chart-1)' },
  { key: 'removed', label: 'Removed', color: 'var(--chart-4)' },
] as const;

/** Accounts added, updated and removed by each of the last runs, oldest on the left. Failed runs changed nothing: 0. */
export function ImportRunsChart({ imports }: { imports: readonly ImportListItem[] }) {
  const runs = [...imports].slice(0, CHART_RUNS).reverse();
  const data = runs.map((item) => ({
    label: formatShortDate(item.startedAt ?? item.createdAt),
    values: {
      added: item.counts?.accountsAdded ?? 0,
      updated: item.counts?.accountsUpdated ?? 0,
      removed: item.counts?.accountsRemoved ?? 0,
    },
  }));
  const padding = Array.from({ length: CHART_RUNS - data.length }, () => ({ label: '', values: {} }));
  const total = (key: 'added' | 'updated' | 'removed') => formatCount(data.reduce((sum, d) => sum + d.values[key], 0));
  const span = runs.length === 1 ? `1 import, on ${data[0]!.label}` : `${runs.length} imports, from ${data[0]!.label} to ${data[data.length - 1]!.label}`;
  return (
    <BarChart
      label={`Accounts changed by the last ${runs.length === 1 ? 'import' : `${runs.length} imports`}`}
      summary={`${span}: ${total('added')} added, ${total('updated')} updated, ${total('removed')} removed in all.`}
      series={series}
      data={[...padding, ...data]}
      height={140}
    />
  );
}
