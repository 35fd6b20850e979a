import type { Locator, Page } from '@playwright/test';

/** The console's frame around every page behind sign-in: the main navigation and the sign-out button. */
export class ConsolePage {
  readonly navigation: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
  }

  /** A section of the main navigation: Applications, Identities, Audit log. */
  section(name: string): Locator {
    return this.navigation.getByRole('link', { name });
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
