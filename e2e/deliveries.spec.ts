import { verifySignature } from '../lib/webhooks/sign';
import { scriptEnv } from '../scripts/lib/script-env';
import type { RecordedDelivery } from '../scripts/lib/e2e-receiver';
import { ImportDetailPage } from './pages/import-detail-page';
import { createApplicationAsAdmin, expect, fixtureFeed, newApplication, storageStates, test, uploadFeedThroughApi, uniqueSuffix } from './more-fixtures';

/**
 * Issue 5 in the browser: a target application gets a webhook endpoint (on the e2e server's
 * loopback receiver), a rule assigns one person of a fresh HR feed to it, and a change to that
 * person through the HR feed is delivered, signed, and shown in the delivery log.
 */
test.use({ storageState: storageStates.admin });

const receiverUrl = `http://127.0.0.1:${scriptEnv().e2ePort + 1}`;

type Body = { id: string; type: string; application: { slug: string }; identity: { email: string; attributes: Record<string, string> } };

test('an identity changed through the HR feed is delivered, signed, and shown in the delivery log', async ({ page, browser, request }) => {
  test.setTimeout(90_000);
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

  // The HR feed changes Ines's title: exactly one event for her to this application.
  await importFeed(feed.replace(`Engineering,Software Engineer,`, `Engineering,Staff Engineer,`));

  const log = page.getByRole('table', { name: 'Delivery log' });
  await expect(async () => {
    await page.goto(`/applications/${target.slug}/deliveries`);
    const updated = log.getByRole('row').filter({ hasText: 'identity.updated' });
    await expect(updated).toHaveCount(1, { timeout: 1_000 });
    await expect(updated).toContainText('Delivered', { timeout: 1_000 });
    await expect(updated).toContainText('200', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(log.getByRole('row').filter({ hasText: 'identity.assigned' })).toContainText('Delivered');

  // The receiver got it signed with the secret the page showed.
  const received = (await (await request.get(`${receiverUrl}/received`)).json()) as RecordedDelivery[];
  const mine = received.filter((r) => (JSON.parse(r.body) as Body).application.slug === target.slug);
  const updates = mine.filter((r) => (JSON.parse(r.body) as Body).type === 'identity.updated');
  expect(updates).toHaveLength(1);
  const [update] = updates;
  const body = JSON.parse(update!.body) as Body;
  expect(body.identity.email).toBe(ines);
  expect(body.identity.attributes.title).toBe('Staff Engineer');
  expect(update!.headers['concord-event-id']).toBe(body.id);
  expect(
    verifySignature({ secret, body: update!.body, timestamp: update!.headers['concord-timestamp'] as string, signature: update!.headers['concord-signature'] as string }),
  ).toEqual({ ok: true });
  expect(verifySignature({ secret: 'whsec_wrong', body: update!.body, timestamp: update!.headers['concord-timestamp'] as string, signature: update!.headers['concord-signature'] as string })).toMatchObject({ ok: false });

  // Redeliver sends it again: a second request with the same event id.
  const row = log.getByRole('row').filter({ hasText: 'identity.updated' });
  await row.getByRole('button', { name: 'Redeliver identity.updated' }).click();
  await expect(async () => {
    const again = (await (await request.get(`${receiverUrl}/received`)).json()) as RecordedDelivery[];
    expect(again.filter((r) => r.headers['concord-event-id'] === body.id)).toHaveLength(2);
  }).toPass({ timeout: 15_000 });
});
