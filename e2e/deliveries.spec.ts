import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { verifySignature } from '../lib/webhooks/sign';
import type { RecordedDelivery } from '../scripts/lib/e2e-receiver';
import { scriptEnv } from '../scripts/lib/script-env';
import { expectNamedControls } from './named-controls';
import { ImportDetailPage } from './pages/import-detail-page';
import {
  createApplicationAsAdmin,
  expect,
  fixtureFeed,
  newApplication,
  storageStates,
  test,
  uploadFeedThroughApi,
  uniqueSuffix,
  type NewApplication,
} from './more-fixtures';

/**
 * Issue 5 in the browser: a target application gets a webhook endpoint (on the e2e server's
 * loopback receiver), a rule assigns one person of a fresh HR feed to it, and what happens to that
 * person — a change through the HR feed, Sync to applications — is delivered, signed, and logged.
 */
test.use({ storageState: storageStates.admin });

const receiverUrl = `http://127.0.0.1:${scriptEnv().e2ePort + 1}`;

type Body = { id: string; type: string; application: { slug: string }; identity: { email: string; attributes: Record<string, string> } };

type Setup = { hr: NewApplication; target: NewApplication; feed: string; secret: string; ines: string; importFeed: (csv: string) => Promise<void> };

async function received(request: APIRequestContext, slug: string): Promise<(RecordedDelivery & { parsed: Body })[]> {
  const all = (await (await request.get(`${receiverUrl}/received`)).json()) as RecordedDelivery[];
  return all.map((r) => ({ ...r, parsed: JSON.parse(r.body) as Body })).filter((r) => r.parsed.application.slug === slug);
}

/** A fresh HR source with this run's four fixture people, a target with an endpoint, and a rule assigning Ines to it. */
async function setUp(page: Page, browser: Browser, request: APIRequestContext): Promise<Setup> {
  const run = uniqueSuffix();
  const hr = newApplication('Deliveries HR', 'source');
  const target = newApplication('Deliveries CRM', 'target');
  await createApplicationAsAdmin(browser, hr);
  await createApplicationAsAdmin(browser, target);
  // Without ?preview=true an upload is applied at once, as a nightly HR feed would be.
  const importFeed = async (csv: string) => {
    const importId = await uploadFeedThroughApi(request, hr.slug, 'people.csv', csv);
    await page.goto(`/applications/${hr.slug}/imports/${importId}`);
    await expect(new ImportDetailPage(page).status()).toHaveText('Success');
  };
  const feed = fixtureFeed('source-people.csv', run);
  await importFeed(feed);

  // The endpoint: created on the Deliveries tab; its secret is shown once.
  await page.goto(`/applications/${target.slug}/deliveries`);
  await expect(page.getByRole('link', { name: 'Deliveries' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Endpoint URL').fill(`${receiverUrl}/events`);
  await page.getByLabel('Allow private network addresses').check();
  await page.getByRole('button', { name: 'Create endpoint' }).click();
  const secretBox = page.getByRole('textbox', { name: 'Signing secret' });
  await expect(secretBox).toHaveValue(/^whsec_/);
  const secret = await secretBox.inputValue();
  await page.getByRole('button', { name: 'Done, I have copied it' }).click();
  await expect(secretBox).toHaveCount(0);

  // A rule assigns Ines (engineering, this run's e-mail) to the target.
  const ines = `ines.fixture${run}@source-fixture.example`;
  await page.goto(`/applications/${target.slug}/access`);
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add rule' });
  await dialog.getByLabel('Priority').fill('1');
  await dialog.getByLabel('Group').fill('engineering');
  await dialog.getByLabel('Condition attribute').fill('email');
  await dialog.getByLabel('Condition', { exact: true }).selectOption('equals');
  await dialog.getByLabel('Condition value').fill(ines);
  await dialog.getByLabel('Grants role').fill('user');
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog).toHaveCount(0);
  return { hr, target, feed, secret, ines, importFeed };
}

/** Reloads the delivery log until `type` has `count` rows, all delivered with a 200. */
async function expectDelivered(page: Page, slug: string, type: string, count: number): Promise<void> {
  const log = page.getByRole('table', { name: 'Delivery log' });
  await expect(async () => {
    await page.goto(`/applications/${slug}/deliveries`);
    const rows = log.getByRole('row').filter({ hasText: type });
    await expect(rows).toHaveCount(count, { timeout: 1_000 });
    for (const row of await rows.all()) {
      await expect(row).toContainText('Delivered', { timeout: 1_000 });
      await expect(row).toContainText('200', { timeout: 1_000 });
    }
  }).toPass({ timeout: 30_000 });
}

test('an identity changed through the HR feed is delivered, signed, and shown in the delivery log', async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  const { target, feed, secret, ines, importFeed } = await setUp(page, browser, request);
  await expectDelivered(page, target.slug, 'identity.assigned', 1);

  // The HR feed changes Ines's title: exactly one event for her to this application.
  await importFeed(feed.replace(`Engineering,Software Engineer,`, `Engineering,Staff Engineer,`));
  await expectDelivered(page, target.slug, 'identity.updated', 1);

  // The receiver got it signed with the secret the page showed.
  const updates = (await received(request, target.slug)).filter((r) => r.parsed.type === 'identity.updated');
  expect(updates).toHaveLength(1);
  const [update] = updates;
  expect(update!.parsed.identity.email).toBe(ines);
  expect(update!.parsed.identity.attributes.title).toBe('Staff Engineer');
  expect(update!.headers['concord-event-id']).toBe(update!.parsed.id);
  const signed = { body: update!.body, timestamp: update!.headers['concord-timestamp'] as string, signature: update!.headers['concord-signature'] as string };
  expect(verifySignature({ secret, ...signed })).toEqual({ ok: true });
  expect(verifySignature({ secret: 'whsec_wrong', ...signed })).toMatchObject({ ok: false });

  // The tab is accessible: one h1, every control named (also with the status filter open).
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expectNamedControls(page);
  await page.getByRole('button', { name: /^Status/ }).click();
  await expect(page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: /^Failed/ })).toBeVisible();
  await expectNamedControls(page);
  await page.keyboard.press('Escape');

  // Regenerating the secret asks first, then shows the new one once.
  await page.getByRole('button', { name: 'Regenerate secret' }).click();
  const confirm = page.getByRole('dialog', { name: 'Regenerate the signing secret?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Regenerate secret' }).click();
  await confirm.getByRole('button', { name: 'Regenerate', exact: true }).click();
  const newSecret = page.getByRole('textbox', { name: 'Signing secret' });
  await expect(newSecret).toHaveValue(/^whsec_/);
  expect(await newSecret.inputValue()).not.toBe(secret);
  await page.getByRole('button', { name: 'Done, I have copied it' }).click();

  // Redeliver sends it again: a second request with the same event id.
  const row = page.getByRole('table', { name: 'Delivery log' }).getByRole('row').filter({ hasText: 'identity.updated' });
  await row.getByRole('button', { name: 'Redeliver identity.updated' }).click();
  await expect(async () => {
    const again = await received(request, target.slug);
    expect(again.filter((r) => r.headers['concord-event-id'] === update!.parsed.id)).toHaveLength(2);
  }).toPass({ timeout: 15_000 });
});

test('Sync to applications: one identity from its page, then all identities once the number is confirmed', async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  const { target, ines } = await setUp(page, browser, request);

  // From Ines's page: one event to the one application she is assigned to.
  await page.goto(`/identities?q=${encodeURIComponent(ines)}`);
  await page.getByRole('table', { name: 'Identities' }).getByRole('link').first().click();
  await page.getByRole('button', { name: 'Sync to applications' }).click();
  let dialog = page.getByRole('dialog', { name: 'Sync to applications' });
  await dialog.getByLabel('Applications').selectOption({ label: target.name });
  await expect(dialog).toContainText('This sends 1 event for 1 identity to 1 application.');
  await dialog.getByRole('button', { name: 'Send 1 event' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('1 event queued for delivery.')).toBeVisible();
  await expectDelivered(page, target.slug, 'identity.sync', 1);

  // Everyone to this application: the dialog says how many events first and asks to confirm that number.
  await page.goto('/identities');
  await page.getByRole('button', { name: 'Sync all to applications' }).click();
  dialog = page.getByRole('dialog', { name: 'Sync to applications' });
  await expect(dialog).toContainText('A full sync is heavy');
  await dialog.getByLabel('Applications').selectOption({ label: target.name });
  await expect(dialog.getByText('Confirm: 1 event.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Send 1 event' }).click();
  await expect(dialog).toHaveCount(0);
  await expectDelivered(page, target.slug, 'identity.sync', 2);
  const syncs = (await received(request, target.slug)).filter((r) => r.parsed.type === 'identity.sync');
  expect(syncs.map((r) => r.parsed.identity.email)).toEqual([ines, ines]);

  // A viewer reads the log but can neither change the endpoint, redeliver, nor sync.
  const context = await browser.newContext({ storageState: storageStates.viewer });
  const viewer = await context.newPage();
  await viewer.goto(`/applications/${target.slug}/deliveries`);
  await expect(viewer.getByRole('table', { name: 'Delivery log' }).getByRole('row').filter({ hasText: 'identity.sync' })).toHaveCount(2);
  await expect(viewer.getByRole('button', { name: /Save endpoint|Redeliver|Send test event/ })).toHaveCount(0);
  await viewer.goto('/identities');
  await expect(viewer.getByRole('button', { name: /Sync/ })).toHaveCount(0);
  await context.close();
});
