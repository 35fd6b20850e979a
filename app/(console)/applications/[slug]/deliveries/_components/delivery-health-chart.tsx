import { BarChart } from '@/components/ui/bar-chart';
import { formatCount } from '@/components/ui/class-names';
import type { DeliveryDay } from '@/lib/data/deliveries/log';

const series = [
  { key: 'delivered', label: 'Delivered', color: 'var(--chart-2)' },
  { key: 'failed', label: 'Failed tries', color: 'var(--chart-4)' },
] as const;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Delivery health: tries delivered and tries failed per day (UTC), oldest on the left. */
export function DeliveryHealthChart({ days }: { days: readonly DeliveryDay[] }) {
  const data = days.map((d) => ({ label: dayFormat.format(new Date(`${d.day}T00:00:00Z`)), values: { delivered: d.delivered, failed: d.failed } }));
  const delivered = days.reduce((sum, d) => sum + d.delivered, 0);
  const failed = days.reduce((sum, d) => sum + d.failed, 0);
  if (delivered + failed === 0) {
    return <p className="muted text-sm">Nothing was sent in the last {days.length} days: the chart fills in as events go out.</p>;
  }
  return (
    <BarChart
      label={`Deliveries per day, last ${days.length} days`}
      summary={`${formatCount(delivered)} delivered and ${formatCount(failed)} failed tries from ${data[0]?.label ?? ''} to ${data.at(-1)?.label ?? ''}.`}
      series={series}
      data={data}
      height={120}
    />
  );
}
