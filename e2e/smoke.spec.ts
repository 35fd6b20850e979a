import { ConsolePage } from './pages/console-page';
import { test, expect, demo } from './fixtures';

test.describe('sign-in', () => {
  test('the demo admin signs in and lands in the console', async ({ page, loginPage, consolePage }) => {
    await loginPage.goto();
    await loginPage.signIn(demo.credentials.admin);
    await expect(page).toHaveURL(/\/applications$/);
    await expect(consolePage.navigation).toBeVisible();
    await expect(consolePage.section('Applications')).toBeVisible();
    await expect(consolePage.signOutButton).toBeVisible();
  });

  test('a wrong password is refused with an alert', async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn({ email: demo.credentials.admin.email, password: 'not-the-password' });
    await expect(loginPage.error).toContainText('Wrong e-mail or password');
    await expect(page).toHaveURL(/\/login/);
    await expect(loginPage.signInButton).toBeEnabled();
  });

  test('the demo viewer signs in too', async ({ page, loginPage, consolePage }) => {
    await loginPage.goto();
    await loginPage.signIn(demo.credentials.viewer);
    await expect(page).toHaveURL(/\/applications$/);
    await expect(consolePage.signOutButton).toBeVisible();
  });

  test('signing out returns to the sign-in page', async ({ page, loginPage, consolePage }) => {
    await loginPage.goto();
    await loginPage.signIn(demo.credentials.admin);
    await consolePage.signOut();
    await expect(page).toHaveURL(/\/login/);
    await expect(loginPage.signInButton).toBeVisible();
  });

  test('the saved admin and viewer sessions open the console without signing in', async ({ adminPage, viewerPage }) => {
    for (const page of [adminPage, viewerPage]) {
      await page.goto('/');
      await expect(page).toHaveURL(/\/applications$/);
      await expect(new ConsolePage(page).signOutButton).toBeVisible();
    }
  });
});
