import { test as setup, expect, demo, storageStates } from './fixtures';

/**
 * The setup project: signs in once as the demo admin and once as the viewer through the sign-in
 * page, and saves each browser state for the specs (`adminPage`, `viewerPage`, or
 * `test.use({ storageState: storageStates.viewer })`).
 */
for (const role of ['admin', 'viewer'] as const) {
  setup(`sign in as the demo ${role}`, async ({ page, loginPage, consolePage }) => {
    await loginPage.goto();
    await loginPage.signIn(demo.credentials[role]);
    await expect(page).not.toHaveURL(/\/login/);
    await expect(consolePage.signOutButton).toBeVisible();
    await page.context().storageState({ path: storageStates[role] });
  });
}
