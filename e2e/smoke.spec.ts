import { test, expect, demo } from './fixtures';

test.describe('sign-in', () => {
  test('the demo admin signs in and lands in the console', async ({ page, loginPage, consolePage }) => {
    await loginPage.goto();
    await loginPage.signIn(demo.credentials.admin);
    await expect(page).not.toHaveURL(/\/login/);
    await expect(consolePage.navigation).toBeVisible();
    await expect(consolePage.signOutButton).toBeVisible();
  });

  test('a wrong password is refused with an alert', async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn({ email: demo.credentials.admin.email, password: 'not-the-password' });
    await expect(loginPage.error).toContainText('Wrong e-mail or password');
    await expect(page).toHaveURL(/\/login/);
    await expect(loginPage.password).toBeVisible();
  });

  test('the demo viewer signs in too', async ({ page, loginPage, consolePage }) => {
    await loginPage.goto();
    await loginPage.signIn(demo.credentials.viewer);
    await expect(page).not.toHaveURL(/\/login/);
    await expect(consolePage.signOutButton).toBeVisible();
  });

  test('the saved admin and viewer sessions open the console without signing in', async ({ adminPage, viewerPage }) => {
    for (const page of [adminPage, viewerPage]) {
      await page.goto('/');
      await expect(page).not.toHaveURL(/\/login/);
      await expect(page.getByRole('button', { name: /sign out/i })).toBeVisible();
    }
  });
});
