import { test, expect, storageStates, newApplication, createApplicationAsAdmin } from './more-fixtures';

/** A source's scheduled pull: saved, run now, and every run in its history, a failed one included. */
test.use({ storageState: storageStates.admin });

test.describe('scheduled pulls', () => {
  const app = newApplication('Pulled HR', 'source');

  test.beforeAll(async ({ browser }) => {
    await createApplicationAsAdmin(browser, app);
  });

  test('a pull that fails before any feed arrives is in the pull history with its reason', async ({ page }) => {
    await page.goto(`/applications/${app.slug}/sync`);
    const form = page.getByRole('form', { name: 'Sync configuration' });
    // A loopback address is refused while "Allow private network" is off: the pull fails at once.
    await form.getByLabel('Feed URL').fill('https://127.0.0.1:9/people.csv');
    await form.getByRole('button', { name: 'Save configuration' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    const reason = "The address 127.0.0.1 is a loopback address; enable 'Allow private network' to pull from it.";
    await expect(page.getByRole('alert').filter({ hasText: 'The pull failed; nothing was imported.' })).toContainText(reason);

    const history = page.getByRole('table', { name: 'Pull history' });
    const rows = history.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Sync now (admin@concord.test)');
    await expect(rows.first()).toContainText('Failure');
    await expect(rows.first()).toContainText(reason);
  });
});
