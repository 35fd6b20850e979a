/**
 * Runs once when the server starts: opens the database and applies pending migrations, so the
 * first request does not pay for them and a broken database configuration shows up at once; then
 * starts this process's import worker and the scheduler of scheduled pulls.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDatabase } = await import('@/db/client');
  try {
    const { driver } = await getDatabase();
    console.log(`Concord: database ready (${driver}), migrations applied.`);
    // Scheduled pulls of source applications run in the server itself (and through /api/cron/due-syncs).
    const { startSyncScheduler } = await import('@/lib/sync/scheduler');
    startSyncScheduler();
  } catch (error) {
    // Not fatal: the health check answers 503 and the next request tries again.
    console.error('Concord: the database could not be opened:', error instanceof Error ? error.message : error);
  }
  // Every server process runs queued imports (the database is the queue; any instance may take one).
  // Its first round sweeps imports an earlier stop interrupted; it keeps retrying a database that is down.
  const { startImportWorker } = await import('@/lib/data/import-pipeline/worker');
  startImportWorker();
  // Outbox events go to the applications' webhooks from every server process (claims are leased).
  (await import('@/lib/webhooks/worker')).startDeliveryWorker();
}
