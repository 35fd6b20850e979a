import { formatCount } from '@/components/ui/class-names';
import { formatDuration } from '@/app/(console)/imports/_components/import-words';

export type ProgressSample = { at: number; rowsDone: number };

/**
 * Rows per second, from the first sample this page saw to the latest one (so that the clocks of
 * browser and server never meet); before two samples apart, from the import's start.
 */
export function rowsPerSecond(first: ProgressSample, latest: ProgressSample, startedAt: number | null): number | null {
  if (latest.at - first.at >= 1000 && latest.rowsDone > first.rowsDone) {
    return ((latest.rowsDone - first.rowsDone) * 1000) / (latest.at - first.at);
  }
  if (startedAt !== null && latest.at > startedAt && latest.rowsDone > 0) return (latest.rowsDone * 1000) / (latest.at - startedAt);
  return null;
}

/** "12,000 of 50,000 rows · 3,400 rows per second · about 11 s left", as much as is known. */
export function describeProgress(rowsDone: number, rowsTotal: number | null, rate: number | null): string {
  const done = rowsTotal !== null ? `${formatCount(rowsDone)} of ${formatCount(rowsTotal)} rows` : `${formatCount(rowsDone)} rows read`;
  const parts = [done];
  if (rate !== null && rate > 0) parts.push(`${formatCount(Math.round(rate))} rows per second`);
  if (rate !== null && rate > 0 && rowsTotal !== null && rowsTotal > rowsDone) {
    parts.push(`about ${formatDuration(((rowsTotal - rowsDone) / rate) * 1000)} left`);
  }
  return parts.join(' · ');
}
