/**
 * The web server of the Playwright tests (`npm run e2e:server`, started by playwright.config.ts).
 * Each run gets a fresh embedded database in e2e/.data/run-<time>, migrated and seeded with the demo
 * organisation (checked against the expected figures), closed, and then served by `next start` on
 * E2E_PORT (default 3100). Older run folders that no live process holds are deleted.
 *
 * It never uses DATABASE_URL: the tests need a database of their own that nobody else writes to.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkBuild } from './lib/build';
import { migrateAndSeed, wipeDataDir } from './lib/database';
import { startRecordingReceiver } from './lib/e2e-receiver';
import { assertPortFree, forwardSignals, startNextServer, waitUntilReady } from './lib/next-server';
import { childEnv, scriptEnv, ScriptError, setOwnEnv } from './lib/script-env';

const runsFolder = path.resolve('e2e', '.data');

async function main(): Promise<void> {
  const { e2ePort: port } = scriptEnv();
  await assertPortFree(port, 'E2E_PORT');
  const build = checkBuild();
  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
    throw new ScriptError('There is no production build: run `npx next build` first (npm test does).');
  }
  if (build.needed) console.warn(`e2e server: warning: ${build.reason}; the tests run against the older build.`);

  removeOldRuns();
  const runFolder = path.join(runsFolder, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  const dataDir = path.join(runFolder, 'pglite');
  // This process and the server both see the run's database, never the developer's .data or DATABASE_URL.
  const databaseEnv = { CONCORD_DATA_DIR: dataDir, DATABASE_URL: undefined, DATABASE_DRIVER: undefined };
  setOwnEnv(databaseEnv);

  const started = Date.now();
  const seed = await migrateAndSeed({ driver: 'pglite', dataDir }, { verify: true });
  console.log(`e2e server: seeded ${dataDir} in ${Date.now() - started} ms: ${JSON.stringify(seed.crm)}`);

  const url = `http://localhost:${port}`;
  const server = startNextServer(
    port,
    childEnv({
      ...databaseEnv,
      PORT: String(port),
      NEXTAUTH_URL: url,
      NODE_ENV: 'production',
      // A secret of the run's own, so the tests never write the developer's .data/auth-secret.
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    }),
  );
  forwardSignals(server);
  // A webhook receiver on the next port, for e2e/deliveries.spec.ts.
  await startRecordingReceiver(port + 1);
  const readiness = await waitUntilReady(url, server);
  console.log(`e2e server: ready on ${url} (checked ${readiness === 'health' ? '/api/health' : '/login: /api/health is missing'})`);
}

/** Deletes earlier runs' folders, except one a live server still holds (a run going on elsewhere). */
function removeOldRuns(): void {
  if (!fs.existsSync(runsFolder)) return;
  for (const name of fs.readdirSync(runsFolder)) {
    const folder = path.join(runsFolder, name);
    try {
      wipeDataDir(folder, path.join(folder, 'pglite'));
    } catch (error) {
      if (!(error instanceof ScriptError)) throw error;
      console.warn(`e2e server: kept ${folder}: ${error.message}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`e2e server failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof ScriptError) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
