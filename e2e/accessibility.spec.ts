import { expectNamedControls } from './named-controls';
import { ImportsPage } from './pages/imports-page';
import { ReconcilePage } from './pages/reconcile-page';
import { test, expect, storageStates } from './more-fixtures';

/** A few checks that hold on every key page: one h1, named controls, the keyboard reaches the search. */
test.use({ storageState: storageStates.admin });

test.describe('accessibility', () => {
  test('each key page has exactly one h1, and a title that says where you are once', async ({ page }) => {
    const pages: Array<{ path: string; h1: string | RegExp; title: string }> = [
      { path: '/applications', h1: 'Applications', title: 'Applications · Concord' },
      { path: '/applications/crm/reconcile', h1: 'Salesforce CRM', title: 'Reconcile · Salesforce CRM · Concord' },
      { path: '/applications/crm/imports', h1: 'Salesforce CRM', title: 'Imports · Salesforce CRM · Concord' },
      { path: '/applications/hr/settings', h1: 'Workday HR', title: 'Settings · Workday HR · Concord' },
      { path: '/identities', h1: /\S/, title: 'Identities · Concord' },
      { path: '/imports', h1: /\S/, title: 'Imports · Concord' },
      { path: '/audit', h1: /\S/, title: 'Audit log · Concord' },
      { path: '/admins', h1: 'Admins', title: 'Admins · Concord' },
    ];
    for (const { path, h1, title } of pages) {
      await page.goto(path);
      const headings = page.getByRole('heading', { level: 1 });
      await expect(headings.first(), path).toHaveText(h1);
      await expect(headings, path).toHaveCount(1);
      await expect(page, path).toHaveTitle(title);
    }

    // An import's own page, opened from the history.
    const imports = new ImportsPage(page);
    await imports.goto('crm');
    await imports.historyTable.getByRole('link', { name: /^Import of / }).first().click();
    await expect(page.getByRole('heading', { level: 2, name: /^Import of / })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page).toHaveTitle('Import · Salesforce CRM · Concord');
  });

  test('the sign-in page has one h1 too', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const page = await context.newPage();
      await page.goto('/login');
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expect(page).toHaveTitle('Sign in · Concord');
    } finally {
      await context.close();
    }
  });

  test('every control on the Reconcile tab has an accessible name, with a filter open', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm');
    await expectNamedControls(page);
    const group = await reconcile.openFilter('Situation');
    await expect(group.getByRole('checkbox').first()).toBeVisible();
    await expectNamedControls(page);
  });

  test('every control on the Imports tab has an accessible name', async ({ page }) => {
    const imports = new ImportsPage(page);
    await imports.goto('crm');
    await expect(imports.uploadCard).toBeVisible();
    await expectNamedControls(page);
  });

  test('"Reset to automatic" asks first, in a named dialog, and Cancel keeps the mapping', async ({ page }) => {
    await page.goto('/applications/hr/settings');
    const mapping = page.getByRole('region', { name: 'Field mapping' });
    await expect(mapping).toBeVisible();
    const before = await mapping.getByRole('textbox').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const opener = page.getByRole('button', { name: 'Reset to automatic' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Reset the mapping to automatic?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('The stored mapping is discarded');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(dialog.getByRole('button', { name: 'Reset mapping' })).toBeVisible();
    await expectNamedControls(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(mapping.getByRole('textbox')).toHaveCount(before.length);
    expect(await mapping.getByRole('textbox').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual(before);
  });

  test('the keyboard reaches the Reconcile search box with Tab', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm');
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await reconcile.search.evaluate((element) => element === document.activeElement);
    }
    expect(reached, 'Tab never reached the "Search" box within 40 presses').toBe(true);
    await expect(reconcile.search).toBeFocused();
    await page.keyboard.type('brightpath');
    await expect(page).toHaveURL(/[?&]q=brightpath(&|$)/);
  });
});
