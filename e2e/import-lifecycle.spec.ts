import type { Page } from '@playwright/test';
import { ImportDetailPage } from './pages/import-detail-page';
import { ImportsPage } from './pages/imports-page';
import { ReconcilePage } from './pages/reconcile-page';
import {
  accountsCsv,
  createApplicationAsAdmin,
  expect,
  newApplication,
  storageStates,
  test,
  uniqueSuffix,
  unmatchedAccount,
  uploadFeedThroughApi,
  type FeedAccount,
} from './more-fixtures';

/**
 * The life of a feed beyond the happy path, as the demo admin in Chromium: a truncated feed held by
 * the safeguard (nothing removed until an admin applies it anyway, and the override audited), and a
 * large feed whose queued import the upload card follows with a live progress bar.
 */
test.use({ storageState: storageStates.admin });

/** The demo token of playwright.config.ts (CONCORD_DEMO_TOKEN): an upload token of crm. */
const demoToken = 'e2e-demo-token-0123456789abcdefghijklmnopqrstuvwxyz';

const givenNames = ['Amara', 'Bruno', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas'];

/** The active accounts the Reconcile tab lists for an application (removed accounts are not listed). */
async function listedAccounts(page: Page, slug: string): Promise<number> {
  const reconcile = new ReconcilePage(page);
  await reconcile.goto(slug);
  return reconcile.rows().count();
}

test.describe('a truncated feed and the safeguard', () => {
  test('is flagged in its preview, held with the reason when sent to apply, removes nothing, and is applied only by an audited "Apply anyway"', async ({ page, browser, adminRequest }) => {
    const run = uniqueSuffix();
    const app = newApplication('Held', 'target');
    await createApplicationAsAdmin(browser, app);
    const everyone: FeedAccount[] = givenNames.map((name) => unmatchedAccount(name, run));
    await uploadFeedThroughApi(adminRequest, app.slug, 'full.csv', accountsCsv(everyone));
    expect(await listedAccounts(page, app.slug)).toBe(10);

    // Tonight's export stopped after four people: six of ten accounts would be removed.
    const truncated = accountsCsv(everyone.slice(0, 4));
    const reason = 'This feed would remove 6 of 10 accounts (60 %), more than the 20 % safeguard.';

    // Previewed on the Imports tab, it says so before anyone presses Apply: there is no plain Apply.
    const imports = new ImportsPage(page);
    await imports.goto(app.slug);
    await imports.uploadAndOpenImport({ name: 'truncated.csv', mimeType: 'text/csv', buffer: Buffer.from(truncated) });
    const detail = new ImportDetailPage(page);
    await expect(detail.status()).toHaveText('Awaiting review');
    await detail.expectPlanned({ 'Accounts to remove': 6, 'Accounts unchanged': 4 });
    await expect(detail.review.getByText('The safeguard would hold this feed')).toBeVisible();
    await expect(detail.review).toContainText(reason);
    await expect(detail.applyButton).toHaveCount(0);
    await expect(detail.review.getByRole('button', { name: 'Apply anyway' })).toBeVisible();
    await detail.discardButton.click();
    await page.getByRole('dialog', { name: 'Discard this import?' }).getByRole('button', { name: 'Discard import' }).click();
    await expect(detail.status()).toHaveText('Discarded');

    // Sent to be applied (the upload API, as a nightly script would): held, the page says why, nothing was removed.
    const response = await adminRequest.post(`/api/applications/${app.slug}/uploads`, {
      data: truncated,
      headers: { 'content-type': 'text/csv', 'x-file-name': 'truncated.csv' },
    });
    expect(response.status()).toBe(409);
    const held = (await response.json()) as { import: { id: string }; error: { code: string; message: string } };
    expect(held.error).toMatchObject({ code: 'safeguard', message: expect.stringContaining(reason) });
    const heldUrl = `/applications/${app.slug}/imports/${held.import.id}`;
    await page.goto(heldUrl);
    await expect(detail.review.getByText('Held by the safeguard: nothing was applied')).toBeVisible();
    await expect(detail.review).toContainText(reason);
    await expect(detail.status()).toHaveText('Held by safeguard');
    expect(await listedAccounts(page, app.slug)).toBe(10);

    // An admin who has checked the feed applies it anyway, acknowledging what it removes.
    await page.goto(heldUrl);
    await detail.review.getByRole('button', { name: 'Apply anyway' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply despite the safeguard?' });
    await expect(dialog).toContainText('marks 6 accounts removed');
    const confirm = dialog.getByRole('button', { name: 'Apply anyway' });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'I understand this removes 6 accounts' }).check();
    await confirm.click();
    await expect(detail.counts).toBeVisible();
    await expect(detail.status()).toHaveText('Success');
    await detail.expectCounts({ 'Accounts removed': 6, 'Accounts unchanged': 4, 'Accounts added': 0 });
    expect(await listedAccounts(page, app.slug)).toBe(4);

    // The override is in the audit log, under the admin's name, with the reason it overrode.
    await page.goto(`/audit?action=import.override_safeguard&application=${app.slug}`);
    const entries = page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'Applied an import the safeguard held' });
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toContainText('would remove 6 of 10 accounts');
    await expect(entries.first()).toContainText('import.override_safeguard');
  });
});

test.describe('a large feed as a queued job', () => {
  test('the upload card follows the import with a live progress bar, then opens the preview', async ({ page, browser }) => {
    test.setTimeout(180_000);
    const app = newApplication('Large', 'target');
    await createApplicationAsAdmin(browser, app);
    // 300,000 accounts in about 2.4 MB, under the e2e server's 5,000,000-byte upload cap (playwright.config.ts):
    // enough rows that reading them spans several of the card's one-second progress checks even on a
    // quiet machine (about 55,000 rows a second there).
    const total = 300_000;
    const rows = Array.from({ length: total }, (_, i) => `l${i}`);
    const feed = Buffer.from(`username\n${rows.join('\n')}\n`);
    expect(feed.byteLength).toBeLessThan(5_000_000);

    const imports = new ImportsPage(page);
    await imports.goto(app.slug);
    await imports.fileInput.setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: feed });
    await imports.uploadButton.click();

    // Sample the card's progress bar until the preview opens: its value must move while rows are read.
    const bar = imports.uploadCard.getByRole('progressbar', { name: 'Import progress' });
    const values = new Set<number>();
    const texts = new Set<string>();
    const previewOpened = () => /\/imports\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname);
    const until = Date.now() + 150_000;
    while (!previewOpened() && Date.now() < until) {
      const now = await bar.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null);
      const text = await bar.getAttribute('aria-valuetext', { timeout: 500 }).catch(() => null);
      if (now !== null) values.add(Number(now));
      if (text) texts.add(text);
      await page.waitForTimeout(150);
    }
    expect(previewOpened(), 'the preview never opened').toBe(true);
    const moving = [...values].filter((v) => v > 0 && v < total);
    // Moving: the bar showed rows read part-way (0 < value < total) before the preview replaced it.
    expect(moving.length, `progress values seen: ${[...values].join(', ')}; texts: ${[...texts].join(' | ')}`).toBeGreaterThanOrEqual(1);
    const words = [...texts].join(' | ');
    expect(words).toMatch(/[\d,]+ of 300,000 rows/);
    expect(words).toMatch(/[\d,]+ rows per second/);
    expect(words).toMatch(/about .+ left/);

    // Read and planned, nothing applied: the preview of 300,000 new accounts.
    const detail = new ImportDetailPage(page);
    await expect(detail.status()).toHaveText('Awaiting review');
    await detail.expectPlanned({ 'Accounts to add': total, 'Accounts to remove': 0 });
    await expect(detail.details).toContainText('large.csv');
    // Leave the shared database light for the specs after this one.
    await detail.discardButton.click();
    await page.getByRole('dialog', { name: 'Discard this import?' }).getByRole('button', { name: 'Discard import' }).click();
    await expect(detail.status()).toHaveText('Discarded');
  });

  test('closing the page does not stop the import: it is read and planned all the same', async ({ browser }) => {
    const app = newApplication('Closed', 'target');
    await createApplicationAsAdmin(browser, app);
    const total = 40_000;
    const feed = Buffer.from(`username\n${Array.from({ length: total }, (_, i) => `c${i}`).join('\n')}\n`);

    const context = await browser.newContext({ storageState: storageStates.admin });
    const page = await context.newPage();
    const imports = new ImportsPage(page);
    await imports.goto(app.slug);
    await imports.fileInput.setInputFiles({ name: 'closed.csv', mimeType: 'text/csv', buffer: feed });
    const answered = page.waitForResponse((r) => r.url().includes(`/api/applications/${app.slug}/uploads`));
    await imports.uploadButton.click();
    const answer = await answered;
    expect(answer.status()).toBe(202);
    const { import: queued } = (await answer.json()) as { import: { id: string } };
    await expect(imports.uploadCard.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
    await context.close();

    // Another browser session, later: the import went on without anyone watching.
    const later = await browser.newContext({ storageState: storageStates.admin });
    try {
      const again = await later.newPage();
      await again.goto(`/applications/${app.slug}/imports/${queued.id}`);
      const detail = new ImportDetailPage(again);
      await expect(detail.status()).toHaveText('Awaiting review', { timeout: 60_000 });
      await detail.expectPlanned({ 'Accounts to add': total });
    } finally {
      await later.close();
    }
  });

  test('through the upload API, ?wait=false answers 202 with a Location that is polled until the import has finished', async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    try {
      const headers = { Authorization: `Bearer ${demoToken}`, 'Content-Type': 'text/csv' };
      const data = accountsCsv([unmatchedAccount('Queued', uniqueSuffix())]);
      // A dry run against crm: the shared demo application is read, never changed.
      const accepted = await api.post('/api/v1/applications/crm/feeds?dryRun=true&wait=false', { data, headers });
      expect(accepted.status(), await accepted.text()).toBe(202);
      const body = (await accepted.json()) as { import: { id: string; status: string; progress: { rowsDone: number } } };
      expect(['queued', 'running']).toContain(body.import.status);
      expect(accepted.headers()['location']).toBe(`/api/v1/imports/${body.import.id}`);

      let status = body.import.status;
      await expect
        .poll(
          async () => {
            const read = await api.get(accepted.headers()['location']!, { headers: { Authorization: `Bearer ${demoToken}` } });
            expect(read.status()).toBe(200);
            status = ((await read.json()) as { import: { status: string } }).import.status;
            return status;
          },
          { timeout: 30_000, intervals: [200, 500, 1000] },
        )
        .toBe('staged');
    } finally {
      await api.dispose();
    }
  });
});
