import { expect, type Locator, type Page } from '@playwright/test';

/** What an admin can do to an account; each control's accessible name is `<prefix> <account>`. */
export type AccountAction = 'Confirm link for' | 'Assign existing user to' | 'Create new user and link for' | 'Unlink' | 'Ignore';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An application's Reconcile tab: the situation summary, the "Accounts" table with its search,
 * filters, sorting and paging (all kept in the URL), the row actions and their dialogs.
 */
export class ReconcilePage {
  readonly heading: Locator;
  readonly summary: Locator;
  readonly table: Locator;
  readonly search: Locator;
  readonly situationFilter: Locator;
  readonly statusFilter: Locator;
  readonly resetFilters: Locator;
  readonly confirmAllButton: Locator;
  readonly createUsersButton: Locator;
  readonly pagination: Locator;
  readonly rowsPerPage: Locator;
  readonly firstPage: Locator;
  readonly previousPage: Locator;
  readonly nextPage: Locator;
  readonly lastPage: Locator;
  readonly assignDialog: Locator;
  readonly createDialog: Locator;
  readonly confirmAllDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: 'Reconcile' });
    this.summary = page.getByRole('region', { name: 'Accounts by situation' });
    this.table = page.getByRole('table', { name: 'Accounts' });
    this.search = page.getByRole('searchbox', { name: 'Search', exact: true });
    this.situationFilter = page.getByRole('button', { name: /^Situation filter/ });
    this.statusFilter = page.getByRole('button', { name: /^Status filter/ });
    this.resetFilters = page.getByRole('button', { name: 'Reset filters' });
    this.confirmAllButton = page.getByRole('button', { name: /^Confirm all exact matches \(/ });
    this.createUsersButton = page.getByRole('button', { name: /^Create users for all unmatched \(/ });
    this.pagination = page.getByRole('navigation', { name: 'Pagination' });
    this.rowsPerPage = this.pagination.getByLabel('Rows per page');
    this.firstPage = this.pagination.getByRole('button', { name: 'First page' });
    this.previousPage = this.pagination.getByRole('button', { name: 'Previous page' });
    this.nextPage = this.pagination.getByRole('button', { name: 'Next page' });
    this.lastPage = this.pagination.getByRole('button', { name: 'Last page' });
    this.assignDialog = page.getByRole('dialog', { name: 'Assign existing user' });
    this.createDialog = page.getByRole('dialog', { name: 'Create new user and link' });
    this.confirmAllDialog = page.getByRole('dialog', { name: 'Confirm all exact matches?' });
  }

  /** Opens the tab, with optional URL state (`?q=…&situation=…`), and waits for the table's rows. */
  async goto(slug: string, query = ''): Promise<void> {
    await this.page.goto(`/applications/${slug}/reconcile${query}`);
    await expect(this.heading).toBeVisible();
    await this.waitForTable();
  }

  /** Waits until the table shows the server's answer for the current URL (not dimmed, not loading). */
  async waitForTable(): Promise<void> {
    await expect(this.table).toBeVisible();
    await expect(this.table).not.toHaveAttribute('aria-busy', 'true');
  }

  /** The table's body rows. */
  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }

  /** The body rows whose Situation cell says exactly this: "No match", "Exact match"… */
  rowsInSituation(situation: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('cell', { name: situation, exact: true }) });
  }

  /** The row of an account, by its label (the row header starts with it; the e-mail may follow). */
  row(account: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(account)}(\\s|$)`) }) });
  }

  /** The data cells of an account's row: Situation, User, Action, Status (an admin's selection checkbox left out). */
  private cellsOf(account: string): Locator {
    return this.row(account).getByRole('cell').filter({ hasNot: this.page.getByRole('checkbox') });
  }

  /** The Situation cell of an account's row. */
  situationOf(account: string): Locator {
    return this.cellsOf(account).first();
  }

  /** The Status cell of an account's row (the last column, for admins and viewers alike). */
  statusOf(account: string): Locator {
    return this.cellsOf(account).last();
  }

  /** The User cell of an account's row. */
  userOf(account: string): Locator {
    return this.cellsOf(account).nth(1);
  }

  /** An admin's checkbox that selects an account's row for the bulk actions. */
  selectBox(account: string): Locator {
    return this.row(account).getByRole('checkbox', { name: `Select ${account}` });
  }

  /** The summary's "No match: 14 accounts. Show only these" link of a situation. */
  summaryLink(situation: string): Locator {
    return this.summary.getByRole('link', { name: new RegExp(`^${escapeRegExp(situation)}: `) });
  }

  /** A header's sort button ("Account", "Situation", "User", "Status"), and the header with its aria-sort. */
  sortButton(column: string): Locator {
    return this.columnHeader(column).getByRole('button', { name: column, exact: true });
  }

  columnHeader(column: string): Locator {
    return this.table.getByRole('columnheader', { name: column, exact: true });
  }

  /** Types into the search box and waits for the URL to carry it. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${escapeRegExp(encodeURIComponent(text).replace(/%20/g, '+'))}(&|$)`));
    await this.waitForTable();
  }

  /** Opens a filter ("Situation" or "Status") and returns its checkboxes' group. */
  async openFilter(filter: 'Situation' | 'Status'): Promise<Locator> {
    const button = filter === 'Situation' ? this.situationFilter : this.statusFilter;
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    const group = this.page.getByRole('group', { name: filter, exact: true });
    await expect(group).toBeVisible();
    return group;
  }

  /** Closes an open filter panel with Escape. */
  async closeFilter(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** A filter option's checkbox, by its words and count: "No match (14)". */
  filterOption(group: Locator, label: string): Locator {
    return group.getByRole('checkbox', { name: label, exact: true });
  }

  /** The visible action button for an account, or the item of its "More actions" menu. */
  async act(action: AccountAction, account: string): Promise<void> {
    const name = `${action} ${account}`;
    const row = this.row(account);
    const more = row.getByRole('button', { name: `More actions for ${account}`, exact: true });
    await expect(more).toBeVisible();
    const button = row.getByRole('button', { name, exact: true });
    if (await button.isVisible()) {
      await button.click();
      return;
    }
    await more.click();
    await this.page.getByRole('menu', { name: `More actions for ${account}` }).getByRole('menuitem', { name, exact: true }).click();
  }

  /** A toast, found by its words (toasts are live regions without a role). */
  toast(text: string | RegExp): Locator {
    return this.page.getByText(text);
  }

  /** An error in words (role="alert"); Next's route announcer is an alert too, so only one with this text. */
  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  /** The pagination summary: "Showing 51–100 of 228". */
  showing(from: number, to: number, total: number): Locator {
    const n = (value: number) => value.toLocaleString('en');
    return this.pagination.getByText(`Showing ${n(from)}–${n(to)} of ${n(total)}`, { exact: true });
  }
}
