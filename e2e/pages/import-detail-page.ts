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

/** The figures of a preview, as the "Review before applying" card names them. */
export type PlannedLabel =
  | 'Accounts to add'
  | 'Accounts to update'
  | 'Accounts to remove'
  | 'Accounts to restore'
  | 'Rows rejected'
  | 'Accounts unchanged'
  | 'Rows ignored';

/**
 * One import's page: heading and status; while it awaits review, the "Review before applying" card
 * with its planned figures and Apply or Discard; once applied, the "Counts" tiles; the log
 * (filterable by level) and the changes.
 */
export class ImportDetailPage {
  readonly heading: Locator;
  readonly details: Locator;
  readonly counts: Locator;
  readonly logCard: Locator;
  readonly levelFilter: Locator;
  readonly logTable: Locator;
  readonly changesTable: Locator;
  readonly backToImports: Locator;
  readonly review: Locator;
  readonly applyButton: Locator;
  readonly discardButton: Locator;
  readonly plannedTable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: /^Import of / });
    this.details = page.getByRole('region', { name: 'Details', exact: true });
    this.counts = page.getByRole('region', { name: 'Counts', exact: true });
    this.logCard = page.getByRole('region', { name: 'Log', exact: true });
    this.levelFilter = this.logCard.getByLabel('Level', { exact: true });
    this.logTable = page.getByRole('table', { name: 'Import log' });
    this.changesTable = page.getByRole('table', { name: 'Accounts affected by this import' });
    this.backToImports = page.getByRole('link', { name: /^← All imports of / });
    this.review = page.getByRole('region', { name: 'Review before applying', exact: true });
    this.applyButton = this.review.getByRole('button', { name: 'Apply import', exact: true });
    this.discardButton = this.review.getByRole('button', { name: 'Discard', exact: true });
    this.plannedTable = page.getByRole('table', { name: 'What applying would do to each account' });
  }

  /** Checks the preview's planned figures, exactly. */
  async expectPlanned(expected: Partial<Record<PlannedLabel, number>>): Promise<void> {
    for (const [label, value] of Object.entries(expected)) {
      const tile = this.review.getByRole('listitem').filter({ has: this.page.getByText(label, { exact: true }) });
      await expect(tile, label).toHaveText(tileText(label, value));
    }
  }

  /** Presses "Apply import" and waits until the page shows the applied import's counts. */
  async apply(): Promise<void> {
    await this.applyButton.click();
    await expect(this.review).toBeHidden();
    await expect(this.counts).toBeVisible();
  }

  /** The tile of one figure: its label over its number. */
  countTile(label: CountLabel): Locator {
    return this.counts.getByRole('listitem').filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** Checks the figures given, exactly. */
  async expectCounts(expected: Partial<Record<CountLabel, number>>): Promise<void> {
    for (const [label, value] of Object.entries(expected)) {
      await expect(this.countTile(label as CountLabel), label).toHaveText(tileText(label, value));
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

/** A tile's whole text: "Accounts added" over "5" reads "Accounts added5"; "Rows ignored" adds its hint "Duplicates". */
function tileText(label: string, value: number): RegExp {
  return new RegExp(`^${label}\\s*${value.toLocaleString('en')}(\\D.*)?$`);
}
