import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { demoCredentials, demoExpected } from '../db/demo-data';
import { ConsolePage } from './pages/console-page';
import { LoginPage } from './pages/login-page';

/** Signed-in browser states, written once per run by the setup project (e2e/global-setup.ts). */
export const storageStates = {
  admin: fileURLToPath(new URL('./.auth/admin.json', import.meta.url)),
  viewer: fileURLToPath(new URL('./.auth/viewer.json', import.meta.url)),
} as const;

/** The seeded demo organisation: sign-ins and what it holds (db/demo-data.ts). */
export const demo = { credentials: demoCredentials, expected: demoExpected } as const;

type Fixtures = {
  loginPage: LoginPage;
  consolePage: ConsolePage;
  /** A page signed in as the demo admin, in a context of its own. */
  adminPage: Page;
  /** A page signed in as the demo viewer, in a context of its own. */
  viewerPage: Page;
};

export const test = base.extend<Fixtures>({
  loginPage: async ({ page }, provide) => {
    await provide(new LoginPage(page));
  },
  consolePage: async ({ page }, provide) => {
    await provide(new ConsolePage(page));
  },
  adminPage: async ({ browser }, provide) => {
    const context = await browser.newContext({ storageState: storageStates.admin });
    await provide(await context.newPage());
    await context.close();
  },
  viewerPage: async ({ browser }, provide) => {
    const context = await browser.newContext({ storageState: storageStates.viewer });
    await provide(await context.newPage());
    await context.close();
  },
});

export { expect };
