import type { Locator, Page } from '@playwright/test';

/** The console's frame, around every page behind sign-in. */
export class ConsolePage {
  readonly navigation: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation').first();
    this.signOutButton = page.getByRole('button', { name: /sign out/i });
  }
}
