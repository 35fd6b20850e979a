import { expect, type Locator, type Page } from '@playwright/test';

export type FeedFile = string | { name: string; mimeType: string; buffer: Buffer };

/** An application's Imports tab: the "Upload a feed" card (admins only) and the import history. */
export class ImportsPage {
  readonly applicationTabs: Locator;
  readonly uploadCard: Locator;
  readonly fileInput: Locator;
  readonly formatSelect: Locator;
  readonly uploadButton: Locator;
  /** The upload card's error message: why a feed was refused or its import failed. */
  readonly uploadError: Locator;
  readonly historyTable: Locator;

  constructor(readonly page: Page) {
    this.applicationTabs = page.getByRole('navigation', { name: 'Application' });
    this.uploadCard = page.getByRole('region', { name: 'Upload a feed' });
    this.fileInput = page.getByLabel('Feed file');
    this.formatSelect = page.getByLabel('Format', { exact: true });
    this.uploadButton = page.getByRole('button', { name: 'Upload and preview' });
    this.uploadError = this.uploadCard.getByRole('alert');
    this.historyTable = page.getByRole('table', { name: 'Import history' });
  }

  async goto(slug: string): Promise<void> {
    await this.page.goto(`/applications/${slug}/imports`);
    // The history table is there from the first visit: empty, it says "No imports yet" inside.
    await expect(this.historyTable).toBeVisible();
  }

  /** Chooses a file (a path, or bytes with a name) and presses "Upload and preview". */
  async upload(file: FeedFile): Promise<void> {
    await this.fileInput.setInputFiles(file);
    await this.uploadButton.click();
  }

  /** Uploads a feed that can be read, and waits for its import page to open on the preview. */
  async uploadAndOpenImport(file: FeedFile): Promise<void> {
    const before = this.page.url();
    await this.upload(file);
    await this.page.waitForURL((url) => /\/imports\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== before);
  }

  /** A tab of the application: Reconcile, Imports or Settings. */
  tab(name: 'Reconcile' | 'Imports' | 'Settings'): Locator {
    return this.applicationTabs.getByRole('link', { name, exact: true });
  }
}
