/**
 * Runs once when the server starts: opens the database and applies pending migrations, so the
 * first request does not pay for them and a broken database configuration shows up at once.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDatabase } = await import('@/db/client');
  try {
    const { driver, db } = await getDatabase();
    console.log(`Concord: database ready (${driver}), migrations applied.`);
    const { failAbandonedImports } = await import('@/lib/data/import-pipeline/lease');
    const abandoned = await failAbandonedImports(db);
    if (abandoned > 0) console.log(`Concord: ${abandoned} import(s) interrupted by an earlier stop marked failed; nothing of them was applied.`);
    // Scheduled pulls of source applications run in the server itself (and through /api/cron/due-syncs).
    const { startSyncScheduler } = await import('@/lib/sync/scheduler');
    startSyncScheduler();
  } catch (error) {
    // Not fatal: the health check answers 503 and the next request tries again.
    console.error('Concord: the database could not be opened:', error instanceof Error ? error.message : error);
  }
}
