import { expect, type Locator, type Page } from '@playwright/test';

/** The figures of an import, as its "Counts" card names them. */
export type CountLabel =
  | 'Accounts added'
  | 'Accounts updated'
  | 'Accounts removed'
  | 'Accounts restored'
  | 'Accounts unchanged'
  | 'Rows rejected'
  | 'Rows ignored'
  | 'Identities created'
  | 'Identities updated'
  | 'Identities blocked'
  | 'Identities unblocked'
  | 'Warnings';

/** One import's page: heading and status, the "Counts" tiles, the log (filterable by level) and the changes. */
export class ImportDetailPage {
  readonly heading: Locator;
  readonly details: Locator;
  readonly counts: Locator;
  readonly logCard: Locator;
  readonly levelFilter: Locator;
  readonly logTable: Locator;
  readonly changesTable: Locator;
  readonly backToImports: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: /^Import of / });
    this.details = page.getByRole('region', { name: 'Details' });
    this.counts = page.getByRole('region', { name: 'Counts' });
    this.logCard = page.getByRole('region', { name: 'Log' });
    this.levelFilter = this.logCard.getByLabel('Level', { exact: true });
    this.logTable = page.getByRole('table', { name: 'Import log' });
    this.changesTable = page.getByRole('table', { name: 'Accounts affected by this import' });
    this.backToImports = page.getByRole('link', { name: /^← All imports of / });
  }

  /** The tile of one figure: its label over its number. */
  countTile(label: CountLabel): Locator {
    return this.counts.getByRole('listitem').filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** Checks the figures given, exactly. */
  async expectCounts(expected: Partial<Record<CountLabel, number>>): Promise<void> {
    for (const [label, value] of Object.entries(expected)) {
      // "Accounts added" over "5" reads "Accounts added5"; "Rows ignored" adds its hint "Duplicates".
      await expect(this.countTile(label as CountLabel), label).toHaveText(new RegExp(`^${label}\\s*${value.toLocaleString('en')}(\\D.*)?$`));
    }
  }

  /** The import's status as the "Details" card says it: Success, Partial success, Failure… */
  status(): Locator {
    return this.details.getByRole('definition').first();
  }

  /** Shows only the log lines of one level, by the option's words: "Errors (1)". */
  async filterLog(optionLabel: string | RegExp): Promise<void> {
    const options = await this.levelFilter.getByRole('option').allTextContents();
    const label = typeof optionLabel === 'string' ? optionLabel : options.find((o) => optionLabel.test(o));
    if (!label) throw new Error(`No log level option matches ${String(optionLabel)}; there are: ${options.join(', ')}`);
    await this.levelFilter.selectOption({ label });
  }

  /** The log's rows (without its header row). */
  logRows(): Locator {
    return this.logTable.getByRole('row').filter({ hasNot: this.page.getByRole('columnheader') });
  }
}
