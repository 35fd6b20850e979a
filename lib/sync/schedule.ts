/**
 * How often a source application's feed is pulled. The choices the page offers; the data layer
 * accepts only these, so every schedule in the database is one a person can read back.
 */
export const syncIntervals = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 360, label: '6 hours' },
  { minutes: 720, label: '12 hours' },
  { minutes: 1440, label: '24 hours' },
  { minutes: 10080, label: '7 days' },
] as const;

export const syncIntervalMinutes: readonly number[] = syncIntervals.map((i) => i.minutes);

export const defaultSyncIntervalMinutes = 1440;

export function isSyncInterval(minutes: number): boolean {
  return syncIntervalMinutes.includes(minutes);
}

/** "every 6 hours"; an interval not offered (an old row) in minutes. */
export function describeSyncInterval(minutes: number): string {
  const known = syncIntervals.find((i) => i.minutes === minutes);
  return `every ${known ? known.label : `${minutes} minutes`}`;
}

/** When the next pull is due after one that starts (or a schedule that is saved) at `from`. */
export function nextRunAfter(from: Date, intervalMinutes: number): Date {
  return new Date(from.getTime() + intervalMinutes * 60_000);
}

/** Whether a configuration is due at `now`: enabled and its next run not in the future. */
export function isDue(config: { enabled: boolean; nextRunAt: Date | null }, now: Date): boolean {
  return config.enabled && config.nextRunAt !== null && config.nextRunAt.getTime() <= now.getTime();
}
