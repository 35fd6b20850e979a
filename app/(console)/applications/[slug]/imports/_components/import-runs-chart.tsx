import { BarChart } from '@/components/ui/bar-chart';
import type { ImportListItem } from '@/lib/data/imports';
import { formatShortDate } from '@/app/(console)/imports/_components/import-words';

const series = [
  { key: 'added', label: 'Added', color: 'var(--chart-2)' },
  { key: 'updated', label: 'Updated', color: 'var(--chart-1)' },
  { key: 'removed', label: 'Removed', color: 'var(--chart-4)' },
] as const;

/** Accounts added, updated and removed by each of the last runs, oldest on the left. Failed runs changed nothing: 0. */
export function ImportRunsChart({ imports }: { imports: readonly ImportListItem[] }) {
  const data = [...imports].reverse().map((item) => ({
    label: formatShortDate(item.startedAt ?? item.createdAt),
    values: {
      added: item.counts?.accountsAdded ?? 0,
      updated: item.counts?.accountsUpdated ?? 0,
      removed: item.counts?.accountsRemoved ?? 0,
    },
  }));
  return <BarChart label={`Accounts changed by the last ${data.length === 1 ? 'import' : `${data.length} imports`}`} series={series} data={data} height={160} />;
}
