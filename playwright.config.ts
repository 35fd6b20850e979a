import { defineConfig, devices } from '@playwright/test';
import { scriptEnv } from './scripts/lib/script-env';

/**
 * End-to-end tests against the production build (`next build` runs before, in scripts/test.sh).
 * The web server is scripts/e2e-server.ts: a fresh embedded database per run, migrated and seeded
 * with the demo organisation, then `next start`. One server process owns that database, so the
 * tests run in one worker.
 */
const { e2ePort, ci } = scriptEnv();
const baseURL = `http://localhost:${e2ePort}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is never used here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /global-setup\.ts$/, use: { ...devices['Desktop Chrome'] } },
    { name: 'chromium', dependencies: ['setup'], testMatch: /\.spec\.ts$/, use: { ...devices['Desktop Chrome'] } },
  ],
  webServer: {
    command: 'npm run --silent e2e:server',
    url: `${baseURL}/api/health`,
    // A fixed demo token (the upload API spec's) and a small upload cap, so the 413 test sends ~5 MB;
    // large enough for the progress spec's 150,000-row feed (import-lifecycle.spec.ts).
    env: {
      E2E_PORT: String(e2ePort),
      CONCORD_DEMO_TOKEN: 'e2e-demo-token-0123456789abcdefghijklmnopqrstuvwxyz',
      UPLOAD_MAX_BYTES: '5000000',
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
