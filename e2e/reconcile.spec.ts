import { ReconcilePage } from './pages/reconcile-page';
import {
  test,
  expect,
  demo,
  accountsCsv,
  createApplicationAsAdmin,
  demoMailboxPeople,
  distinctDemoPeople,
  exactAccountFor,
  newApplication,
  storageStates,
  uniqueSuffix,
  unmatchedAccount,
  uploadFeedThroughApi,
  type FeedAccount,
} from './more-fixtures';

/**
 * The Reconcile tab. Reading (search, filters, sorting, paging, the URL) uses the seeded demo CRM,
 * which no spec changes; every action runs on a target application the test file creates and feeds
 * itself, so each one starts from accounts nobody else touches.
 */
test.use({ storageState: storageStates.admin });

const crm = demo.expected.crm;
const crmSituations = crm.afterSeed;
/** Accounts whose link awaits confirmation: every exact match of the seed. */
const crmNeedsConfirmation = crmSituations.exact_match;

test.describe('reading the demo CRM', () => {
  test('search narrows the table, keeps q= in the URL, and a reload keeps the view', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm');
    await expect(reconcile.showing(1, 50, crm.accounts)).toBeVisible();

    // The contractors' e-mails are at brightpath-consulting.example: they, and only they, match.
    await reconcile.searchFor('brightpath');
    await expect(reconcile.showing(1, crmSituations.no_match, crmSituations.no_match)).toBeVisible();
    await expect(reconcile.rows()).toHaveCount(crmSituations.no_match);
    await expect(reconcile.rowsInSituation('No match')).toHaveCount(crmSituations.no_match);
    await expect(reconcile.rows().first()).toContainText('brightpath-consulting.example');

    // The filter counts follow the search.
    const situations = await reconcile.openFilter('Situation');
    await expect(reconcile.filterOption(situations, `No match (${crmSituations.no_match})`)).toBeVisible();
    await expect(reconcile.filterOption(situations, 'Exact match (0)')).toBeVisible();
    await reconcile.closeFilter();

    await page.reload();
    await reconcile.waitForTable();
    await expect(page).toHaveURL(/[?&]q=brightpath(&|$)/);
    await expect(reconcile.search).toHaveValue('brightpath');
    await expect(reconcile.showing(1, crmSituations.no_match, crmSituations.no_match)).toBeVisible();
    await expect(reconcile.rows()).toHaveCount(crmSituations.no_match);

    await reconcile.resetFilters.click();
    await expect(page).not.toHaveURL(/[?&]q=/);
    await expect(reconcile.search).toHaveValue('');
    await expect(reconcile.showing(1, 50, crm.accounts)).toBeVisible();
  });

  test('the Situation filter shows only the chosen situation, with every count', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm');
    const statuses = await reconcile.openFilter('Status');
    await expect(reconcile.filterOption(statuses, `Needs confirmation (${crmNeedsConfirmation})`)).toBeVisible();
    await expect(reconcile.filterOption(statuses, `Linked (${crmSituations.manually_linked})`)).toBeVisible();
    await reconcile.closeFilter();

    const situations = await reconcile.openFilter('Situation');
    await expect(reconcile.filterOption(situations, `No match (${crmSituations.no_match})`)).toBeVisible();
    await expect(reconcile.filterOption(situations, `Exact match (${crmSituations.exact_match})`)).toBeVisible();
    await expect(reconcile.filterOption(situations, `Multiple matches (${crmSituations.multiple_matches})`)).toBeVisible();
    await expect(reconcile.filterOption(situations, `Manually linked (${crmSituations.manually_linked})`)).toBeVisible();

    await reconcile.filterOption(situations, `No match (${crmSituations.no_match})`).check();
    await expect(page).toHaveURL(/[?&]situation=no_match(&|$)/);
    await reconcile.closeFilter();
    await reconcile.waitForTable();
    await expect(reconcile.situationFilter).toHaveAccessibleName(/^Situation filter\s*1 selected$/);
    await expect(reconcile.showing(1, crmSituations.no_match, crmSituations.no_match)).toBeVisible();
    await expect(reconcile.rows()).toHaveCount(crmSituations.no_match);
    await expect(reconcile.rowsInSituation('No match')).toHaveCount(crmSituations.no_match);

    // The summary's links filter too.
    await reconcile.resetFilters.click();
    await expect(reconcile.showing(1, 50, crm.accounts)).toBeVisible();
    await reconcile.summaryLink('Multiple matches').click();
    await expect(page).toHaveURL(/[?&]situation=multiple_matches(&|$)/);
    await reconcile.waitForTable();
    await expect(reconcile.rows()).toHaveCount(crmSituations.multiple_matches);
    await expect(reconcile.rowsInSituation('Multiple matches')).toHaveCount(crmSituations.multiple_matches);
  });

  test('sorting by Account toggles aria-sort and the order', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm');
    const account = reconcile.columnHeader('Account');
    await expect(account).toHaveAttribute('aria-sort', 'ascending');
    await expect(reconcile.columnHeader('Situation')).not.toHaveAttribute('aria-sort', /./);
    const firstAscending = (await reconcile.rows().first().getByRole('rowheader').textContent()) ?? '';

    await reconcile.sortButton('Account').click();
    await expect(account).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);
    await reconcile.waitForTable();
    await expect(reconcile.rows().first().getByRole('rowheader')).not.toHaveText(firstAscending);
    const firstDescending = (await reconcile.rows().first().getByRole('rowheader').textContent()) ?? '';
    expect(firstDescending.localeCompare(firstAscending, 'en', { sensitivity: 'base' })).toBeGreaterThan(0);

    await reconcile.sortButton('Account').click();
    await expect(account).toHaveAttribute('aria-sort', 'ascending');
    await reconcile.waitForTable();
    await expect(reconcile.rows().first().getByRole('rowheader')).toHaveText(firstAscending);

    await reconcile.sortButton('Situation').click();
    await expect(reconcile.columnHeader('Situation')).toHaveAttribute('aria-sort', 'ascending');
    await expect(account).not.toHaveAttribute('aria-sort', /./);
  });

  test('pagination moves through the pages and the URL keeps the page', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto('crm');
    const pages = Math.ceil(crm.accounts / 50);
    await expect(reconcile.previousPage).toBeDisabled();
    await reconcile.nextPage.click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(reconcile.showing(51, 100, crm.accounts)).toBeVisible();
    await expect(reconcile.pagination.getByText(`Page 2 of ${pages}`)).toBeVisible();
    await reconcile.waitForTable();
    await expect(reconcile.rows()).toHaveCount(50);

    await page.reload();
    await reconcile.waitForTable();
    await expect(reconcile.showing(51, 100, crm.accounts)).toBeVisible();

    await reconcile.lastPage.click();
    await expect(reconcile.showing((pages - 1) * 50 + 1, crm.accounts, crm.accounts)).toBeVisible();
    await expect(reconcile.nextPage).toBeDisabled();
    await reconcile.waitForTable();
    await expect(reconcile.rows()).toHaveCount(crm.accounts - (pages - 1) * 50);

    await reconcile.firstPage.click();
    await expect(reconcile.showing(1, 50, crm.accounts)).toBeVisible();
    await reconcile.rowsPerPage.selectOption('100');
    await expect(page).toHaveURL(/[?&]pageSize=100(&|$)/);
    await expect(reconcile.showing(1, 100, crm.accounts)).toBeVisible();
    await expect(reconcile.pagination.getByText(`Page 1 of ${Math.ceil(crm.accounts / 100)}`)).toBeVisible();
  });
});

test.describe('acting on accounts', () => {
  const run = uniqueSuffix();
  const app = newApplication('Reconcile', 'target');
  const people = distinctDemoPeople();
  const [toConfirm, toUnlink, contested, assignee] = [people[0]!, people[1]!, people[2]!, people[10]!];
  const salesDesk: FeedAccount = { username: 'sales.desk@e2e.example', email: 'sales@northwind.example', displayName: 'Sales Desk' };
  const supportDesk: FeedAccount = { username: 'support.desk@e2e.example', email: 'support@northwind.example', displayName: 'Support Desk' };
  const newcomer = unmatchedAccount('Quill', run);
  const accounts = [toConfirm, toUnlink, contested, people[3]!]
    .map(exactAccountFor)
    .concat([salesDesk, supportDesk, newcomer, unmatchedAccount('Rowan', run)]);

  test.beforeAll(async ({ browser, playwright, baseURL }) => {
    await createApplicationAsAdmin(browser, app);
    const request = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    await uploadFeedThroughApi(request, app.slug, 'reconcile-accounts.csv', accountsCsv(accounts));
    await request.dispose();
  });

  test('"Confirm link" makes an exact match Linked and Manually linked', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto(app.slug);
    await expect(reconcile.showing(1, accounts.length, accounts.length)).toBeVisible();
    const account = toConfirm.displayName;
    await expect(reconcile.statusOf(account)).toHaveText('Needs confirmation');
    await expect(reconcile.situationOf(account)).toHaveText('Exact match');

    await reconcile.act('Confirm link for', account);
    await expect(reconcile.toast(`Confirmed the link of account ${account} to user ${toConfirm.displayName}.`)).toBeVisible();
    await expect(reconcile.statusOf(account)).toHaveText('Linked');
    await expect(reconcile.situationOf(account)).toHaveText('Manually linked');
    await expect(reconcile.row(account).getByRole('button', { name: `Unlink ${account}`, exact: true })).toBeVisible();
  });

  test('"Assign existing user" lists the candidates first and assigns the user searched for', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto(app.slug);
    const account = salesDesk.displayName;
    await expect(reconcile.situationOf(account)).toHaveText('Multiple matches');

    await reconcile.act('Assign existing user to', account);
    const dialog = reconcile.assignDialog;
    await expect(dialog).toBeVisible();
    const users = dialog.getByRole('list', { name: 'Users' });
    const candidates = demoMailboxPeople('sales');
    await expect(dialog.getByRole('status')).toHaveText(new RegExp(`^${candidates.length} candidates\\b`));
    await expect(users.getByRole('listitem').filter({ hasText: 'Candidate' })).toHaveCount(candidates.length);
    for (const [index, candidate] of candidates.entries()) {
      // Candidates come first, each with its "Assign <name>" button.
      await expect(users.getByRole('listitem').nth(index)).toContainText('Candidate');
      await expect(users.getByRole('button', { name: `Assign ${candidate.displayName}`, exact: true })).toBeVisible();
    }

    await dialog.getByRole('searchbox', { name: 'Search users' }).fill(assignee.email);
    const assign = users.getByRole('button', { name: `Assign ${assignee.displayName}`, exact: true });
    await expect(assign).toBeVisible();
    await assign.click();
    await expect(dialog).toBeHidden();
    await expect(reconcile.toast(`Assigned user ${assignee.displayName} to account ${account}.`)).toBeVisible();
    await expect(reconcile.statusOf(account)).toHaveText('Linked');
    await expect(reconcile.situationOf(account)).toHaveText('Manually linked');
    await expect(reconcile.userOf(account)).toContainText(assignee.displayName);
  });

  test('"Create new user and link" opens a prefilled form and links the new user', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto(app.slug);
    const account = newcomer.displayName;
    await expect(reconcile.situationOf(account)).toHaveText('No match');
    await expect(reconcile.statusOf(account)).toHaveText('Unlinked');

    await reconcile.act('Create new user and link for', account);
    const dialog = reconcile.createDialog;
    await expect(dialog).toBeVisible();
    const username = dialog.getByRole('textbox', { name: 'Username', exact: true });
    await expect(username).toHaveValue(newcomer.username);
    await expect(dialog.getByRole('textbox', { name: 'E-mail', exact: true })).toHaveValue(newcomer.email);
    await expect(dialog.getByRole('textbox', { name: 'Display name', exact: true })).toHaveValue(newcomer.displayName);
    await expect(dialog.getByRole('textbox', { name: 'Given name', exact: true })).toHaveValue('Quill');
    await expect(dialog.getByRole('textbox', { name: 'Family name', exact: true })).toHaveValue(`Outsider${run}`);
    const newUsername = `e2e-user-${run}`;
    await username.fill(newUsername);
    await dialog.getByRole('textbox', { name: 'Employee ID', exact: true }).fill(`E2E-${run}`);
    await dialog.getByRole('button', { name: 'Create and link' }).click();

    await expect(dialog).toBeHidden();
    await expect(reconcile.toast(`Created user ${newcomer.displayName} and linked account ${account} to it.`)).toBeVisible();
    await expect(reconcile.statusOf(account)).toHaveText('Linked');
    await expect(reconcile.situationOf(account)).toHaveText('Manually linked');
    await expect(reconcile.userOf(account)).toContainText(newcomer.displayName);
  });

  test('"Unlink" takes a confirmed link away', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto(app.slug);
    const account = toUnlink.displayName;
    await reconcile.act('Confirm link for', account);
    await expect(reconcile.statusOf(account)).toHaveText('Linked');

    await reconcile.act('Unlink', account);
    await expect(reconcile.toast(`Unlinked account ${account}.`)).toBeVisible();
    await expect(reconcile.statusOf(account)).toHaveText('Unlinked');
    await expect(reconcile.situationOf(account)).not.toHaveText('Manually linked');
    await expect(reconcile.userOf(account)).not.toContainText(toUnlink.displayName);
  });

  test('an account\'s own page explains its candidates and acts on them: Assign one, then Unlink', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto(app.slug);
    const account = supportDesk.displayName;
    await reconcile.row(account).getByRole('link', { name: account, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: `Account ${supportDesk.username}` })).toBeVisible();

    const candidates = page.getByRole('table', { name: 'Candidates' });
    const people = demoMailboxPeople('support');
    await expect(candidates.getByRole('row')).toHaveCount(people.length + 1);
    await expect(candidates.getByText('E-mail = E-mail').first()).toBeVisible();
    const chosen = people[1]!;
    await candidates.getByRole('button', { name: `Assign ${chosen.displayName} to ${account}`, exact: true }).click();
    await expect(reconcile.toast(`Assigned user ${chosen.displayName} to account ${account}.`)).toBeVisible();

    const link = page.getByRole('region', { name: 'Link' });
    await expect(link.getByRole('link', { name: chosen.displayName, exact: true })).toBeVisible();
    await expect(link.getByText('Manually linked')).toBeVisible();
    // The linked candidate has no Assign of its own any more; the others keep theirs.
    await expect(candidates.getByRole('button', { name: `Assign ${chosen.displayName} to ${account}`, exact: true })).toHaveCount(0);
    await expect(candidates.getByRole('button', { name: /^Assign / })).toHaveCount(people.length - 1);
    await expect(page.getByRole('region', { name: 'History' }).getByText(/^Assigned existing user /)).toBeVisible();

    await link.getByRole('button', { name: `Unlink ${account}`, exact: true }).click();
    await expect(reconcile.toast(`Unlinked account ${account}.`)).toBeVisible();
    await expect(link.getByText('Unlinked')).toBeVisible();
    await expect(link.getByRole('link', { name: chosen.displayName, exact: true })).toHaveCount(0);
  });

  test('two admins on one account: the second is told plainly that it changed, and nothing is overwritten', async ({ browser }) => {
    const account = contested.displayName;
    const first = await browser.newContext({ storageState: storageStates.admin });
    const second = await browser.newContext({ storageState: storageStates.admin });
    try {
      const one = new ReconcilePage(await first.newPage());
      const two = new ReconcilePage(await second.newPage());
      const query = `?q=${encodeURIComponent(contested.email)}`;
      await one.goto(app.slug, query);
      await two.goto(app.slug, query);
      await expect(one.statusOf(account)).toHaveText('Needs confirmation');
      await expect(two.statusOf(account)).toHaveText('Needs confirmation');

      await one.act('Confirm link for', account);
      await expect(one.statusOf(account)).toHaveText('Linked');

      // The second page still shows the account as it was; ignoring it now must not win.
      await expect(two.statusOf(account)).toHaveText('Needs confirmation');
      await two.act('Ignore', account);
      await expect(two.toast(`Account ${account} was changed by someone else a moment ago. Nothing was changed: the table now shows its current state.`)).toBeVisible();
      await expect(two.statusOf(account)).toHaveText('Linked');

      await one.page.reload();
      await one.waitForTable();
      await expect(one.statusOf(account)).toHaveText('Linked');
    } finally {
      await first.close();
      await second.close();
    }
  });
});

test.describe('confirming all exact matches', () => {
  const run = uniqueSuffix();
  const app = newApplication('Confirm all', 'target');
  const exact = distinctDemoPeople().slice(20, 24);
  const accounts = exact.map(exactAccountFor).concat([unmatchedAccount('Sol', run)]);

  test.beforeAll(async ({ browser, playwright, baseURL }) => {
    await createApplicationAsAdmin(browser, app);
    const request = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    await uploadFeedThroughApi(request, app.slug, 'confirm-all.csv', accountsCsv(accounts));
    await request.dispose();
  });

  test('"Confirm all exact matches" asks first, confirms every one and leaves none to confirm', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto(app.slug);
    const n = exact.length;
    await expect(reconcile.confirmAllButton).toHaveAccessibleName(`Confirm all exact matches (${n})`);

    await reconcile.confirmAllButton.click();
    const dialog = reconcile.confirmAllDialog;
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${n} exact matches need confirmation`);
    await dialog.getByRole('button', { name: `Confirm ${n} exact matches`, exact: true }).click();

    await expect(reconcile.toast(`Confirmed ${n} exact matches.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(reconcile.confirmAllButton).toHaveAccessibleName('Confirm all exact matches (0)');
    await expect(reconcile.confirmAllButton).toBeDisabled();
    for (const person of exact) await expect(reconcile.statusOf(person.displayName)).toHaveText('Linked');
    await expect(reconcile.statusOf(accounts.at(-1)!.displayName)).toHaveText('Unlinked');

    const statuses = await reconcile.openFilter('Status');
    await expect(reconcile.filterOption(statuses, 'Needs confirmation (0)')).toBeVisible();
    await expect(reconcile.filterOption(statuses, `Linked (${n})`)).toBeVisible();
    await reconcile.closeFilter();
    await expect(reconcile.table.getByRole('button', { name: /^Confirm link for / })).toHaveCount(0);
  });
});

test.describe('bulk actions on a selection, and users for the unmatched', () => {
  const run = uniqueSuffix();
  const app = newApplication('Bulk', 'target');
  const exact = distinctDemoPeople().slice(24, 26);
  const outsiders = ['Ola', 'Per', 'Quin'].map((name) => unmatchedAccount(name, run));

  test.beforeAll(async ({ browser, playwright, baseURL }) => {
    await createApplicationAsAdmin(browser, app);
    const request = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    await uploadFeedThroughApi(request, app.slug, 'bulk.csv', accountsCsv([...exact.map(exactAccountFor), ...outsiders]));
    await request.dispose();
  });

  test('acts on the ticked accounts only, then creates a user for every unmatched account left', async ({ page }) => {
    const reconcile = new ReconcilePage(page);
    await reconcile.goto(app.slug);
    await expect(reconcile.createUsersButton).toHaveAccessibleName('Create users for all unmatched (3)');

    // Ticking rows turns the bulk actions to the selection, counting what each can act on.
    await reconcile.selectBox(exact[0]!.displayName).check();
    await reconcile.selectBox(outsiders[0]!.displayName).check();
    const confirmSelected = page.getByRole('button', { name: 'Confirm selected (1)' });
    const createSelected = page.getByRole('button', { name: 'Create users for selected (1)' });
    await expect(confirmSelected).toBeEnabled();
    await createSelected.click();
    const selectedDialog = page.getByRole('dialog', { name: 'Create users for the selected unmatched accounts?' });
    await expect(selectedDialog).toContainText('1 account matches no user among the selected accounts');
    await selectedDialog.getByRole('button', { name: 'Create 1 user', exact: true }).click();
    await expect(reconcile.toast('Created 1 user and linked its account.')).toBeVisible();
    await expect(selectedDialog).toBeHidden();
    await expect(reconcile.situationOf(outsiders[0]!.displayName)).toHaveText('Manually linked');
    await expect(reconcile.userOf(outsiders[0]!.displayName)).toContainText(outsiders[0]!.displayName);
    await expect(reconcile.statusOf(outsiders[0]!.displayName)).toHaveText('Linked');
    // the ticked exact match was left as it was, and the selection is cleared
    await expect(reconcile.statusOf(exact[0]!.displayName)).toHaveText('Needs confirmation');
    await expect(reconcile.selectBox(exact[0]!.displayName)).not.toBeChecked();

    await expect(reconcile.createUsersButton).toHaveAccessibleName('Create users for all unmatched (2)');
    await reconcile.createUsersButton.click();
    const allDialog = page.getByRole('dialog', { name: 'Create users for all unmatched accounts?' });
    await expect(allDialog).toContainText('2 accounts match no user.');
    await allDialog.getByRole('button', { name: 'Create 2 users', exact: true }).click();
    await expect(reconcile.toast('Created 2 users and linked their accounts.')).toBeVisible();
    await expect(reconcile.createUsersButton).toHaveAccessibleName('Create users for all unmatched (0)');
    await expect(reconcile.createUsersButton).toBeDisabled();
    for (const outsider of outsiders) await expect(reconcile.statusOf(outsider.displayName)).toHaveText('Linked');
    await expect(reconcile.confirmAllButton).toHaveAccessibleName(`Confirm all exact matches (${exact.length})`);

    // the new users are in the directory
    await page.goto(`/identities?q=${encodeURIComponent(outsiders[2]!.displayName)}`);
    await expect(page.getByRole('table', { name: 'Identities' }).getByText(outsiders[2]!.displayName)).toBeVisible();
  });
});
