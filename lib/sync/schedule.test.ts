import { describe, expect, it } from 'vitest';
import { describeSyncInterval, isDue, isSyncInterval, nextRunAfter, syncIntervalMinutes } from './schedule';

describe('sync schedule', () => {
  it('offers the six intervals of the page, and only those', () => {
    expect(syncIntervalMinutes).toEqual([15, 60, 360, 720, 1440, 10080]);
    expect(isSyncInterval(60)).toBe(true);
    expect(isSyncInterval(61)).toBe(false);
  });

  it.each([
    [15, 'every 15 minutes'],
    [60, 'every 1 hour'],
    [10080, 'every 7 days'],
    [42, 'every 42 minutes'],
  ])('describes %i minutes as "%s"', (minutes, words) => {
    expect(describeSyncInterval(minutes)).toBe(words);
  });

  it('puts the next run one interval later, across days and month ends', () => {
    expect(nextRunAfter(new Date('2026-01-31T23:50:00Z'), 15).toISOString()).toBe('2026-02-01T00:05:00.000Z');
    expect(nextRunAfter(new Date('2026-03-01T00:00:00Z'), 10080).toISOString()).toBe('2026-03-08T00:00:00.000Z');
  });

  it.each([
    [{ enabled: true, nextRunAt: new Date('2026-01-01T00:00:00Z') }, true],
    [{ enabled: true, nextRunAt: new Date('2026-01-01T00:00:01Z') }, false],
    [{ enabled: false, nextRunAt: new Date('2025-01-01T00:00:00Z') }, false],
    [{ enabled: true, nextRunAt: null }, false],
  ])('isDue(%o) at midnight is %s', (config, due) => {
    expect(isDue(config, new Date('2026-01-01T00:00:00Z'))).toBe(due);
  });
});
