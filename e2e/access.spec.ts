import type { Page } from '@playwright/test';
import { expectNamedControls } from './named-controls';
import { test, expect, createApplicationAsAdmin, distinctDemoPeople, newApplication, storageStates, uniqueSuffix, type DemoPerson } from './more-fixtures';

/**
 * Issue 5, access: assignments by hand (a selection and the identities filter), entitlement rules
 * that grant a role and suspend when they stop applying, and a licence limit that activates the first
 * N and keeps the rest waiting, in order. Each test works on a target application of its own.
 */
test.use({ storageState: storageStates.admin });

const people = distinctDemoPeople();
const person = (n: number): DemoPerson => people[n]!;

async function openIdentity(page: Page, who: DemoPerson): Promise<void> {
  await page.goto(`/identities?${new URLSearchParams({ q: who.email })}`);
  await page.getByRole('table', { name: 'Identities' }).getByRole('link', { name: who.displayName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: who.displayName })).toBeVisible();
}

async function assignFromDialog(page: Page, appName: string, toast: string): Promise<void> {
  await page.getByRole('button', { name: 'Assign to application…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign to application' });
  await dialog.getByLabel('Application').selectOption({ label: appName });
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByText(toast)).toBeVisible();
  await expect(dialog).toBeHidden();
}

/** The identity page's row for one application in "Applications and licences". */
const assignmentRow = (page: Page, appName: string) =>
  page.getByRole('region', { name: 'Assignments' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: appName }) });

const accessRow = (page: Page, who: DemoPerson) =>
  page.getByRole('table', { name: 'Assigned identities' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: who.displayName }) });

test.describe('Access: assignments, entitlement rules and licences', () => {
  test('assigns a selected identity and everything the identities filter selects; they arrive invited', async ({ page, browser }) => {
    const app = newApplication('Access assign', 'target');
    await createApplicationAsAdmin(browser, app);

    await page.goto(`/identities?${new URLSearchParams({ q: person(0).email })}`);
    await page.getByRole('checkbox', { name: `Select ${person(0).displayName}` }).check();
    await assignFromDialog(page, app.name, `1 identity assigned to ${app.name}.`);

    await page.goto(`/identities?${new URLSearchParams({ q: person(1).email })}`);
    await expect(page.getByRole('table', { name: 'Identities' }).getByRole('link', { name: person(1).displayName })).toBeVisible();
    await page.getByRole('button', { name: 'Assign to application…' }).click();
    await expect(page.getByRole('dialog', { name: 'Assign to application' })).toContainText('all 1 identities matching the search and filters');
    await page.getByRole('dialog', { name: 'Assign to application' }).getByRole('button', { name: 'Cancel' }).click();
    await assignFromDialog(page, app.name, `1 identity assigned to ${app.name}.`);

    await page.goto(`/applications/${app.slug}/access`);
    await expect(page.getByRole('link', { name: 'Access' })).toHaveAttribute('aria-current', 'page');
    const table = page.getByRole('table', { name: 'Assigned identities' });
    await expect(table.getByRole('row')).toHaveCount(3);
    for (const who of [person(0), person(1)]) {
      await expect(accessRow(page, who)).toContainText('Assigned');
      await expect(accessRow(page, who)).toContainText('Invited');
      await expect(accessRow(page, who)).toContainText('By hand');
    }

    await openIdentity(page, person(0));
    await expect(assignmentRow(page, app.name)).toContainText('Invited');
  });

  test('a rule grants its role to the members of a group, suspends them when it stops applying, and restores them', async ({ page, browser }) => {
    const app = newApplication('Access rules', 'target');
    await createApplicationAsAdmin(browser, app);
    const group = `e2e-approvers-${uniqueSuffix()}`;
    const who = person(2);

    const setGroups = async (groups: string[]) => {
      await openIdentity(page, who);
      await page.getByRole('button', { name: 'Edit groups' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit groups' });
      await dialog.getByLabel('Groups').fill(groups.join('\n'));
      await dialog.getByRole('button', { name: 'Save groups' }).click();
      await expect(page.getByText('Groups saved; entitlement rules re-evaluated.')).toBeVisible();
    };
    await setGroups([...who.groups, group]);

    await page.goto(`/applications/${app.slug}/access`);
    await page.getByRole('button', { name: 'Add rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add rule' });
    await dialog.getByLabel('Group').fill(group);
    await dialog.getByLabel('Grants role').fill('approver');
    await dialog.getByRole('button', { name: 'Save rule' }).click();
    await expect(page.getByText('Rules re-evaluated: 1 identity granted or changed, 0 suspended.')).toBeVisible();
    const rule = page.getByRole('table', { name: 'Entitlement rules' }).getByRole('row').filter({ hasText: `Members of ${group}` });
    await expect(rule).toContainText('approver');
    await expect(accessRow(page, who)).toContainText('Assigned');
    await expect(accessRow(page, who)).toContainText('approver');
    await expect(accessRow(page, who)).toContainText(`By rule (${group})`);

    await setGroups(who.groups);
    await expect(assignmentRow(page, app.name)).toContainText('Suspended');
    await expect(assignmentRow(page, app.name)).toContainText('approver');

    await setGroups([...who.groups, group]);
    await expect(assignmentRow(page, app.name)).toContainText('Assigned');
  });

  test('a licence limit of 2 activates the first 2 requests and keeps the rest waiting, in order', async ({ page, browser }) => {
    // Eight identity pages and as many actions, one after the other: a long journey, not a slow page.
    test.setTimeout(90_000);
    const app = newApplication('Access licences', 'target');
    await createApplicationAsAdmin(browser, app);
    const four = [person(3), person(4), person(5), person(6)];
    for (const who of four) {
      await openIdentity(page, who);
      await assignFromDialog(page, app.name, `1 identity assigned to ${app.name}.`);
    }

    await page.goto(`/applications/${app.slug}/access`);
    await page.getByLabel('Licence limit').fill('2');
    await page.getByRole('button', { name: 'Set limit' }).click();
    await expect(page.getByText('Licence limit set to 2.')).toBeVisible();

    // Requests in this order: the 3rd, 1st, 4th, 2nd identity.
    const order = [four[2]!, four[0]!, four[3]!, four[1]!];
    for (const who of order) {
      await openIdentity(page, who);
      await page.getByRole('button', { name: `Activate licence in ${app.name}` }).click();
      await expect(page.getByText(/^Licences: \d active, \d waiting\.$/)).toBeVisible();
    }

    await page.goto(`/applications/${app.slug}/access`);
    await expect(page.getByText('Licences: 2 of 2 used')).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Licences used' })).toHaveAttribute('aria-valuenow', '2');
    await expect(accessRow(page, order[0]!)).toContainText('Licence active');
    await expect(accessRow(page, order[1]!)).toContainText('Licence active');
    await expect(accessRow(page, order[2]!)).toContainText('Waiting');
    await expect(accessRow(page, order[3]!)).toContainText('Waiting');
    const queue = page.getByRole('list', { name: 'Waiting queue' }).getByRole('listitem');
    await expect(queue).toHaveCount(2);
    await expect(queue.nth(0)).toContainText(order[2]!.displayName);
    await expect(queue.nth(1)).toContainText(order[3]!.displayName);

    // A freed licence goes to the earliest waiting identity.
    await accessRow(page, order[0]!).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Take back licence' }).click();
    await expect(page.getByText('1 licence taken back.')).toBeVisible();
    await expect(accessRow(page, order[2]!)).toContainText('Licence active');
    await expect(queue).toHaveCount(1);
    await expect(queue.nth(0)).toContainText(order[3]!.displayName);
  });

  test('every control of the Access tab and its rule dialog is named; a viewer reads it without controls', async ({ page, viewerPage }) => {
    await page.goto('/applications/crm/access');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expectNamedControls(page);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expectNamedControls(page.getByRole('dialog', { name: 'Add rule' }));

    await viewerPage.goto('/applications/crm/access');
    await expect(viewerPage.getByRole('heading', { name: 'Entitlement rules' })).toBeVisible();
    await expect(viewerPage.getByText(/^Licences: /)).toBeVisible();
    await expect(viewerPage.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
    await expect(viewerPage.getByLabel('Licence limit')).toHaveCount(0);
  });

  test('the application activates a licence through the API with its token', async ({ page, request, browser }) => {
    const who = person(7);
    await openIdentity(page, who);
    await assignFromDialog(page, 'Salesforce CRM', '1 identity assigned to Salesforce CRM.');
    const activate = (slug: string, data: unknown, token: string | null = demoToken) =>
      request.post(`/api/v1/applications/${slug}/licences/activate`, { data, headers: token ? { Authorization: `Bearer ${token}` } : {} });

    const response = await activate('crm', { username: who.username });
    expect(response.status(), await response.text()).toBe(200);
    expect(await response.json()).toEqual({ licence: { identityId: expect.any(String), licenceState: 'active', position: null } });
    await page.reload();
    await expect(assignmentRow(page, 'Salesforce CRM')).toContainText('Licence active');

    const other = newApplication('Access api', 'target');
    await createApplicationAsAdmin(browser, other);
    expect((await activate('crm', { username: who.username }, null)).status()).toBe(401);
    expect((await activate(other.slug, { username: who.username })).status()).toBe(403);
    expect((await activate('crm', { username: `nobody-${uniqueSuffix()}` })).status()).toBe(404);
    expect((await activate('crm', { name: 'x' })).status()).toBe(400);
    expect((await activate('crm', { username: person(8).username })).status()).toBe(409);
  });
});

/** The fixed value playwright.config.ts hands the e2e server as CONCORD_DEMO_TOKEN (registered for hr and crm). */
const demoToken = 'e2e-demo-token-0123456789abcdefghijklmnopqrstuvwxyz';
