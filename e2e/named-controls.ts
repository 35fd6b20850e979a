import { expect, type Locator, type Page } from '@playwright/test';

/** Every visible form control within `scope` (a page, a dialog, a section) has a non-empty accessible name. */
export async function expectNamedControls(scope: Page | Locator): Promise<number> {
  const controls = scope.locator('input, select, button, textarea').filter({ visible: true });
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const control: Locator = controls.nth(i);
    const html = await control.evaluate((element) => element.outerHTML.slice(0, 200));
    await expect(control, `no accessible name: ${html}`).toHaveAccessibleName(/\S/);
  }
  return count;
}
