import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const runDueSyncs = vi.fn();
vi.mock('./run-sync', () => ({ runDueSyncs, scheduleActor: { kind: 'system', name: 'schedule' } }));
vi.mock('@/lib/data/context', () => ({ dataContext: async () => ({ db: 'db', actor: { kind: 'system', name: 'schedule' } }) }));

const { isSyncSchedulerRunning, startSyncScheduler, stopSyncScheduler } = await import('./scheduler');

describe('startSyncScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    runDueSyncs.mockReset();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    stopSyncScheduler();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('looks for due pulls soon after start and then every minute; starting twice starts one timer', async () => {
    runDueSyncs.mockResolvedValue([]);
    startSyncScheduler();
    startSyncScheduler();
    expect(isSyncSchedulerRunning()).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runDueSyncs).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runDueSyncs).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runDueSyncs).toHaveBeenCalledTimes(4);
    expect(runDueSyncs.mock.calls[0]![0]).toBe('db');
  });

  it('never overlaps: a tick is skipped while a long pull still runs', async () => {
    let finish: () => void = () => {};
    runDueSyncs.mockImplementation(() => new Promise<[]>((resolve) => (finish = () => resolve([]))));
    startSyncScheduler();
    await vi.advanceTimersByTimeAsync(5_000 + 3 * 60_000);
    expect(runDueSyncs).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runDueSyncs).toHaveBeenCalledTimes(2);
  });

  it('logs an error and keeps ticking', async () => {
    runDueSyncs.mockRejectedValueOnce(new Error('database down')).mockResolvedValue([]);
    startSyncScheduler();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(console.error).toHaveBeenCalledWith('Concord: the sync scheduler could not run due pulls:', expect.any(Error));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runDueSyncs).toHaveBeenCalledTimes(2);
  });

  it('stops', async () => {
    runDueSyncs.mockResolvedValue([]);
    startSyncScheduler();
    stopSyncScheduler();
    expect(isSyncSchedulerRunning()).toBe(false);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runDueSyncs).not.toHaveBeenCalled();
  });
});
