import { expect, type Locator, type Page } from '@playwright/test';

/** The Applications page: the list of applications and, for admins, the "New application" form. */
export class ApplicationsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly newApplicationForm: Locator;
  readonly nameInput: Locator;
  readonly slugInput: Locator;
  readonly createButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Applications' });
    this.table = page.getByRole('table', { name: 'Applications' });
    this.newApplicationForm = page.getByRole('form', { name: 'New application' });
    // The labels carry a required star that is hidden from assistive technology.
    this.nameInput = this.newApplicationForm.getByRole('textbox', { name: 'Name', exact: true });
    this.slugInput = this.newApplicationForm.getByRole('textbox', { name: 'Slug', exact: true });
    this.createButton = this.newApplicationForm.getByRole('button', { name: 'Create application' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/applications');
    await expect(this.heading).toBeVisible();
  }

  /** A role of the form's "Role" group: Source or Target. */
  roleRadio(role: 'source' | 'target'): Locator {
    return this.newApplicationForm.getByRole('group', { name: 'Role' }).getByRole('radio', { name: role === 'source' ? 'Source' : 'Target' });
  }

  /** The success message after creating an application. */
  createdMessage(name: string): Locator {
    return this.newApplicationForm.getByRole('status').filter({ hasText: `Created ${name}.` });
  }

  /** Fills in and sends the "New application" form, then waits for the success message. */
  async create(app: { name: string; slug: string; role: 'source' | 'target' }): Promise<void> {
    await this.nameInput.fill(app.name);
    await this.slugInput.fill(app.slug);
    await this.roleRadio(app.role).check();
    await this.createButton.click();
    await expect(this.createdMessage(app.name)).toBeVisible();
  }

  /** The link to an application's Imports tab in the list. */
  importsLink(name: string): Locator {
    return this.table.getByRole('link', { name: `Imports of ${name}`, exact: true });
  }

  /** The row of an application in the list, by its name. */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
}
