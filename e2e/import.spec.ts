import fs from 'node:fs';
import { ApplicationsPage } from './pages/applications-page';
import { ImportDetailPage } from './pages/import-detail-page';
import { ImportsPage } from './pages/imports-page';
import { ReconcilePage } from './pages/reconcile-page';
import {
  test,
  expect,
  createApplicationAsAdmin,
  fixtureFeed,
  fixturePath,
  newApplication,
  storageStates,
  uniqueSuffix,
  type NewApplication,
} from './more-fixtures';

/**
 * Importing feeds through the browser, as the demo admin: each test creates its own application,
 * uploads feeds from e2e/fixtures/ through the "Upload a feed" card, and reads the import's page.
 */
test.use({ storageState: storageStates.admin });

/** e2e/fixtures/target-accounts.csv: 6 rows, row 4 repeats row 2's username "oskar.brandt". */
const targetFeed = { file: 'target-accounts.csv', rows: 6, accounts: 5, duplicate: { row: 4, firstRow: 2, username: 'oskar.brandt' } };

async function openImportsTabOf(applications: ApplicationsPage, app: NewApplication): Promise<void> {
  await applications.goto();
  await expect(applications.row(app.name)).toBeVisible();
  await applications.importsLink(app.name).click();
  await expect(applications.page).toHaveURL(new RegExp(`/applications/${app.slug}/imports$`));
}

test.describe('importing a feed', () => {
  test('a target feed is imported with exact counts, its duplicate row is logged, and importing it again changes nothing', async ({ page }) => {
    const app = newApplication('Target', 'target');
    const applications = new ApplicationsPage(page);
    await applications.goto();
    await applications.create(app);
    await openImportsTabOf(applications, app);

    const imports = new ImportsPage(page);
    await expect(imports.tab('Imports')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText(/^No imports yet/)).toBeVisible();
    await imports.uploadAndOpenImport(fixturePath(targetFeed.file));

    // Nothing is applied before the admin has seen the preview.
    const detail = new ImportDetailPage(page);
    await expect(detail.heading).toBeVisible();
    const firstImportUrl = page.url();
    await expect(detail.status()).toHaveText('Awaiting review');
    await detail.expectPlanned({ 'Accounts to add': targetFeed.accounts, 'Accounts to update': 0, 'Accounts to remove': 0, 'Accounts unchanged': 0, 'Rows ignored': 1 });
    await detail.apply();

    // A repeated username makes the run a partial success: applied, with a row ignored.
    await expect(detail.status()).toHaveText('Partial success');
    await expect(detail.details).toContainText(targetFeed.file);
    // The original file can be downloaded again, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), detail.details.getByRole('link', { name: 'Download original feed' }).click()]);
    expect(fs.readFileSync(await download.path())).toEqual(fs.readFileSync(fixturePath(targetFeed.file)));
    await detail.expectCounts({
      'Accounts added': targetFeed.accounts,
      'Accounts updated': 0,
      'Accounts removed': 0,
      'Accounts restored': 0,
      'Accounts unchanged': 0,
      'Rows rejected': 0,
      'Rows ignored': 1,
      'Identities created': 0,
      Warnings: 0,
    });

    await detail.filterLog('Errors (1)');
    await expect(page).toHaveURL(/[?&]level=error(&|$)/);
    await expect(detail.logRows()).toHaveCount(1);
    const duplicate = detail.logRows().first();
    await expect(duplicate.getByRole('cell').first()).toHaveText(String(targetFeed.duplicate.row));
    await expect(duplicate).toContainText('username');
    await expect(duplicate).toContainText('Error');
    await expect(duplicate).toContainText(
      `Row ${targetFeed.duplicate.row}: username "${targetFeed.duplicate.username}" repeats row ${targetFeed.duplicate.firstRow}; this row was ignored.`,
    );

    // The same feed again: every account is unchanged, nothing is added, updated or removed.
    await detail.backToImports.click();
    await expect(imports.historyTable.getByRole('row')).toHaveCount(2); // the header and the first import
    // The history filters by how an import was started, in the URL.
    await page.getByLabel('Started by').selectOption('schedule');
    await expect(page).toHaveURL(/[?&]trigger=schedule(&|$)/);
    await expect(page.getByText('No imports match these filters')).toBeVisible();
    await page.getByLabel('Started by').selectOption('upload');
    await expect(imports.historyTable.getByRole('row')).toHaveCount(2);
    await page.getByLabel('Started by').selectOption('');
    await imports.uploadAndOpenImport(fixturePath(targetFeed.file));
    await expect(page).not.toHaveURL(firstImportUrl);
    await expect(detail.heading).toBeVisible();
    await detail.expectPlanned({ 'Accounts to add': 0, 'Accounts to update': 0, 'Accounts to remove': 0, 'Accounts unchanged': targetFeed.accounts, 'Rows ignored': 1 });
    // The only planned line is the duplicate row's rejection: no account would be added, updated or removed.
    const planned = detail.plannedTable.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(planned).toHaveCount(1);
    await expect(planned.first()).toContainText('Reject');
    await expect(planned.first()).toContainText(`repeats row ${targetFeed.duplicate.firstRow}`);
    await detail.apply();
    await detail.expectCounts({
      'Accounts added': 0,
      'Accounts updated': 0,
      'Accounts removed': 0,
      'Accounts restored': 0,
      'Accounts unchanged': targetFeed.accounts,
      'Rows ignored': 1,
    });
    await expect(detail.changesTable.getByText('No account changed')).toBeVisible();
  });

  test('an HR-style feed into a new source application creates identities', async ({ page }) => {
    const run = uniqueSuffix();
    const app = newApplication('Source', 'source');
    const applications = new ApplicationsPage(page);
    await applications.goto();
    await applications.create(app);
    await openImportsTabOf(applications, app);

    const imports = new ImportsPage(page);
    const feed = fixtureFeed('source-people.csv', run);
    await imports.uploadAndOpenImport({ name: 'source-people.csv', mimeType: 'text/csv', buffer: Buffer.from(feed) });

    const detail = new ImportDetailPage(page);
    await expect(detail.heading).toBeVisible();
    await detail.expectPlanned({ 'Accounts to add': 4, 'Rows rejected': 0 });
    await detail.apply();
    await expect(detail.status()).toHaveText('Success');
    await detail.expectCounts({
      'Accounts added': 4,
      'Identities created': 4,
      'Identities updated': 0,
      'Identities blocked': 0,
      'Rows rejected': 0,
      'Rows ignored': 0,
      Warnings: 0,
    });

    // The new people are in the directory.
    await page.goto(`/identities?q=${encodeURIComponent(`fixture${run}`)}`);
    await expect(page.getByRole('table', { name: 'Identities' }).getByRole('row').filter({ hasText: `Fixture${run}` })).toHaveCount(4);
  });
});

test.describe('refusing bad feeds', () => {
  const app = newApplication('Refusals', 'target');

  test.beforeAll(async ({ browser }) => {
    await createApplicationAsAdmin(browser, app);
  });

  test('an empty file is refused, naming the problem, by the page and by the server', async ({ page, adminRequest }) => {
    const imports = new ImportsPage(page);
    await imports.goto(app.slug);
    await imports.upload({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    // The page refuses it before sending: a message tied to the file input, which is marked invalid and focused.
    await expect(imports.fileInput).toHaveAccessibleDescription(/The file is empty\./);
    await expect(imports.fileInput).toHaveAttribute('aria-invalid', 'true');
    await expect(imports.fileInput).toBeFocused();
    await expect(imports.uploadCard.getByText('The file is empty.')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/applications/${app.slug}/imports$`));

    // A script that skips the page is refused by the server in the same words.
    const response = await adminRequest.post(`/api/applications/${app.slug}/uploads`, {
      data: Buffer.alloc(0),
      headers: { 'content-type': 'text/csv', 'x-file-name': 'empty.csv' },
    });
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid', message: 'The file is empty.' } });
  });

  test('a PDF is refused with an alert naming the file and the formats Concord reads', async ({ page }) => {
    const imports = new ImportsPage(page);
    await imports.goto(app.slug);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0x01, 0xff]), Buffer.from('\n1 0 obj\n<<>>\nendobj\n')]);
    await imports.upload({ name: 'accounts.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(imports.uploadError).toContainText('The feed was not imported');
    await expect(imports.uploadError).toContainText('"accounts.pdf"');
    await expect(imports.uploadError).toContainText('Use CSV, TSV, JSON, JSON lines or XML.');
    await expect(page).toHaveURL(new RegExp(`/applications/${app.slug}/imports$`));
  });

  test('a CSV without a username column fails as a whole, saying which column is missing', async ({ page }) => {
    const imports = new ImportsPage(page);
    await imports.goto(app.slug);
    const csv = 'display_name,department\nHana Lindgren,Engineering\nOskar Brandt,Sales\n';
    await imports.upload({ name: 'no-username.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(imports.uploadError).toContainText('The import failed; nothing was applied');
    await expect(imports.uploadError).toContainText('no column for the required attribute "username"');
    await expect(imports.uploadError).toContainText('Columns found: display_name, department.');
    // The failed run is recorded and can be opened.
    await imports.uploadError.getByRole('link', { name: 'View the failed import' }).click();
    const detail = new ImportDetailPage(page);
    await expect(detail.status()).toHaveText('Failure');
    await expect(page.getByRole('alert').filter({ hasText: 'The import failed; nothing was applied' })).toContainText('"username"');
  });

  test('a CSV that is not valid UTF-8 fails as a whole, naming the row', async ({ page }) => {
    const imports = new ImportsPage(page);
    await imports.goto(app.slug);
    const csv = Buffer.concat([
      Buffer.from('username,email,display_name\nhana.lindgren,hana@fixture-partner.example,Hana Lindgren\noskar.brandt,oskar@fixture-partner.example,Oskar Brandt\nmirela.'),
      Buffer.from([0xe9]), // "é" in Windows-1252: not UTF-8
      Buffer.from('costa,mirela@fixture-partner.example,Mirela Costa\n'),
    ]);
    await imports.upload({ name: 'windows-1252.csv', mimeType: 'text/csv', buffer: csv });
    await expect(imports.uploadError).toContainText('The import failed; nothing was applied');
    await expect(imports.uploadError).toContainText('not valid UTF-8');
    await expect(imports.uploadError).toContainText('row 3');
    await expect(imports.uploadError).toContainText('Where: row 3.');

    // All or nothing: the two good rows before the bad one were not applied either.
    const reconcile = new ReconcilePage(page);
    await page.goto(`/applications/${app.slug}/reconcile`);
    await expect(reconcile.heading).toBeVisible();
    await expect(page.getByText('No accounts yet')).toBeVisible();
  });
});
