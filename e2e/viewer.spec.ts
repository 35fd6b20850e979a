import type { APIRequestContext, Request } from '@playwright/test';
import { ApplicationsPage } from './pages/applications-page';
import { ImportDetailPage } from './pages/import-detail-page';
import { ImportsPage } from './pages/imports-page';
import { ReconcilePage } from './pages/reconcile-page';
import {
  test,
  expect,
  accountsCsv,
  createApplicationAsAdmin,
  distinctDemoPeople,
  exactAccountFor,
  newApplication,
  storageStates,
  uploadFeedThroughApi,
} from './more-fixtures';

/**
 * The viewer reads everything and changes nothing: the pages hide the write controls, and the
 * server refuses the viewer's writes by itself (the upload route, and a server action posted
 * directly), whatever the page shows.
 */

test.describe('what the viewer sees', () => {
  test.use({ storageState: storageStates.viewer });

  test('the Reconcile tab shows the accounts without any action', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm');
    await expect(reconcile.rows()).toHaveCount(50);
    await expect(reconcile.table.getByRole('columnheader', { name: 'Action' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Confirm link for / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^More actions for / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Assign existing user to|Create new user and link for|Unlink|Ignore) / })).toHaveCount(0);
    await expect(reconcile.confirmAllButton).toHaveCount(0);
    // Reading still works: search and filters.
    await reconcile.searchFor('brightpath');
    await expect(reconcile.rows().first()).toBeVisible();
  });

  test('an account\'s page explains it without any action', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm', '?situation=multiple_matches');
    const account = 'Support Desk';
    await reconcile.row(account).getByRole('link', { name: account, exact: true }).click();
    const candidates = page.getByRole('table', { name: 'Candidates' });
    await expect(candidates.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Link' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Assign|Confirm link for|Create new user and link for|Unlink|Ignore|More actions for) / })).toHaveCount(0);
  });

  test('Applications has no "New application" form', async ({ page }) => {
    const applications = new ApplicationsPage(page);
    await applications.goto();
    await expect(applications.row('Salesforce CRM')).toBeVisible();
    await expect(applications.newApplicationForm).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Create application' })).toHaveCount(0);
  });

  test('Imports has the history but no upload card', async ({ page }) => {
    const imports = new ImportsPage(page);
    await imports.goto('crm');
    await expect(imports.historyTable).toBeVisible();
    await expect(imports.uploadCard).toHaveCount(0);
    await expect(imports.uploadButton).toHaveCount(0);
    await expect(imports.fileInput).toHaveCount(0);
  });
});

test.describe('what the server refuses', () => {
  test('the upload route answers 403 to the viewer and 401 without a session, as JSON', async ({ viewerRequest, anonymousRequest }) => {
    const asViewer = await viewerRequest.post('/api/applications/crm/uploads', { data: 'username\nx\n', headers: { 'content-type': 'text/csv' } });
    expect(asViewer.status()).toBe(403);
    expect(asViewer.headers()['content-type']).toMatch(/^application\/json/);
    expect(await asViewer.json()).toMatchObject({ error: { code: 'forbidden' } });

    const signedOut = await anonymousRequest.post('/api/applications/crm/uploads', { data: 'username\nx\n', headers: { 'content-type': 'text/csv' } });
    expect(signedOut.status()).toBe(401);
    expect(signedOut.headers()['content-type']).toMatch(/^application\/json/);
    expect(await signedOut.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  test.describe('on an application of its own', () => {
    const app = newApplication('Viewer', 'target');
    const person = distinctDemoPeople()[5]!;
    const account = person.displayName;

    test.beforeAll(async ({ browser, playwright, baseURL }) => {
      await createApplicationAsAdmin(browser, app);
      const request = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
      await uploadFeedThroughApi(request, app.slug, 'viewer-accounts.csv', accountsCsv([exactAccountFor(person)]));
      await request.dispose();
    });

    test('a server action posted directly is refused for the viewer and for nobody, and works for the admin', async ({ adminPage, viewerPage, viewerRequest, anonymousRequest, adminRequest }) => {
      // Capture the admin's real "Ignore" request without letting it reach the server.
      const admin = new ReconcilePage(adminPage);
      await admin.goto(app.slug);
      await expect(admin.statusOf(account)).toHaveText('Needs confirmation');
      const captured = new Promise<Request>((resolve) => {
        void adminPage.route(`**/applications/${app.slug}/reconcile*`, async (route) => {
          const request = route.request();
          if (request.method() === 'POST' && request.headers()['next-action']) {
            resolve(request);
            await route.abort();
          } else {
            await route.continue();
          }
        });
      });
      await admin.act('Ignore', account);
      const ignore = await captured;
      const headers = ignore.headers();
      const replay = (request: APIRequestContext) =>
        request.post(ignore.url(), {
          headers: {
            'next-action': headers['next-action']!,
            'content-type': headers['content-type'] ?? 'text/plain;charset=UTF-8',
            accept: headers['accept'] ?? 'text/x-component',
            ...(headers['next-router-state-tree'] ? { 'next-router-state-tree': headers['next-router-state-tree'] } : {}),
            ...(headers['origin'] ? { origin: headers['origin'] } : {}),
          },
          data: ignore.postDataBuffer() ?? '',
          maxRedirects: 0,
        });

      const asViewer = await replay(viewerRequest);
      const viewerAnswer = await asViewer.text();
      expect(viewerAnswer).not.toMatch(/"ok":\s*true/);
      expect(viewerAnswer).toMatch(/"code":\s*"forbidden"/);

      // Without a session the proxy sends the request to the sign-in page; were it to pass, the action says "unauthenticated".
      const signedOut = await replay(anonymousRequest);
      const signedOutAnswer = await signedOut.text();
      expect(signedOutAnswer).not.toMatch(/"ok":\s*true/);
      if (signedOut.status() >= 300 && signedOut.status() < 400) expect(signedOut.headers()['location']).toMatch(/^\/login\b/);
      else expect(signedOutAnswer).toMatch(/"code":\s*"unauthenticated"/);

      // Nothing changed: the admin and the viewer both still see the account awaiting confirmation.
      await adminPage.unroute(`**/applications/${app.slug}/reconcile*`);
      await adminPage.reload();
      await admin.waitForTable();
      await expect(admin.statusOf(account)).toHaveText('Needs confirmation');
      const viewer = new ReconcilePage(viewerPage);
      await viewer.goto(app.slug);
      await expect(viewer.statusOf(account)).toHaveText('Needs confirmation');

      // The very same request from the admin does go through: the refusal was about the role.
      const asAdmin = await replay(adminRequest);
      expect(await asAdmin.text()).toMatch(/"ok":\s*true/);
      await viewerPage.reload();
      await viewer.waitForTable();
      await expect(viewer.statusOf(account)).toHaveText('Ignored');
    });

    test('an import awaiting review shows the viewer its preview, without Apply or Discard', async ({ adminRequest, viewerPage }) => {
      // A feed sent for preview only: staged, nothing applied.
      const response = await adminRequest.post(`/api/applications/${app.slug}/uploads?preview=true`, {
        data: accountsCsv([exactAccountFor(person), exactAccountFor(distinctDemoPeople()[6]!)]),
        headers: { 'content-type': 'text/csv', 'x-file-name': 'viewer-preview.csv' },
      });
      expect(response.status(), await response.text()).toBe(201);
      const { import: staged } = (await response.json()) as { import: { id: string; status: string } };
      expect(staged.status).toBe('staged');

      await viewerPage.goto(`/applications/${app.slug}/imports/${staged.id}`);
      const detail = new ImportDetailPage(viewerPage);
      await expect(detail.status()).toHaveText('Awaiting review');
      await detail.expectPlanned({ 'Accounts to add': 1, 'Accounts unchanged': 1 });
      await expect(viewerPage.getByRole('button', { name: 'Apply import' })).toHaveCount(0);
      await expect(viewerPage.getByRole('button', { name: 'Discard' })).toHaveCount(0);
    });
  });
});
