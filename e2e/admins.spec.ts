import { expectNamedControls } from './named-controls';
import { LoginPage } from './pages/login-page';
import { test, expect, storageStates, uniqueSuffix } from './more-fixtures';

/** Who may sign in: an admin adds someone, who signs in; their role changes at once; removed, they are out. */
test.use({ storageState: storageStates.admin });

test.describe('admins', () => {
  test('an admin adds a viewer who signs in, makes them an admin, sets their password and removes them', async ({ page, browser }) => {
    const run = uniqueSuffix();
    const person = { name: `Val Viewer ${run}`, email: `val.${run}@concord.test`, password: `first-password-${run}` };

    await page.goto('/applications');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admins' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Admins' })).toBeVisible();
    const people = page.getByRole('table', { name: 'People who sign in' });
    // oneself: marked, with no role control and no Remove
    const me = people.getByRole('row').filter({ hasText: 'you' });
    await expect(me).toHaveCount(1);
    await expect(me.getByRole('button', { name: /^Remove / })).toHaveCount(0);
    await expect(me.getByRole('combobox')).toHaveCount(0);
    await expectNamedControls(page);

    // A short password is refused beside its field.
    const form = page.getByRole('form', { name: 'Add someone' });
    await form.getByLabel('E-mail').fill(person.email);
    await form.getByLabel('Name').fill(person.name);
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByText('A password needs at least 8 characters.')).toBeVisible();
    await form.getByLabel('Password').fill(person.password);
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByText(`${person.name} can sign in now, as viewer.`)).toBeVisible();
    const row = people.getByRole('row').filter({ has: page.getByRole('rowheader', { name: person.name }) });
    await expect(row.getByLabel(`Role of ${person.name}`)).toHaveValue('viewer');

    // They sign in, as a viewer: no form to add anyone.
    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const them = await theirs.newPage();
      const login = new LoginPage(them);
      await login.goto();
      await login.signIn(person);
      await expect(them).not.toHaveURL(/\/login/);
      await them.goto('/admins');
      await expect(them.getByText('You can see who signs in; only an admin can add, change or remove someone.')).toBeVisible();
      await expect(them.getByRole('form', { name: 'Add someone' })).toHaveCount(0);

      // Made an admin, they can add people at their next page.
      await row.getByLabel(`Role of ${person.name}`).selectOption('admin');
      await expect(page.getByText(`${person.name} is an admin now.`)).toBeVisible();
      await them.reload();
      await expect(them.getByRole('form', { name: 'Add someone' })).toBeVisible();

      // A new password: the old one stops working.
      await row.getByRole('button', { name: `Set the password of ${person.name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Set the password of ${person.name}` });
      await dialog.getByLabel('New password').fill(`second-password-${run}`);
      await dialog.getByRole('button', { name: 'Set password' }).click();
      await expect(page.getByText(`${person.name}'s password is changed.`)).toBeVisible();
      await expect(dialog).toBeHidden();

      // Removed: gone from the list, and signed out at their next click.
      await row.getByRole('button', { name: `Remove ${person.name}` }).click();
      const remove = page.getByRole('dialog', { name: `Remove ${person.name}?` });
      await remove.getByRole('button', { name: 'Remove' }).click();
      await expect(page.getByText(`${person.name} can no longer sign in.`)).toBeVisible();
      await expect(row).toHaveCount(0);
      await them.goto('/applications');
      await expect(them).toHaveURL(/\/login/);
      await login.signIn({ email: person.email, password: `second-password-${run}` });
      await expect(login.error).toBeVisible();
    } finally {
      await theirs.close();
    }

    // The audit log has each step.
    await page.goto(`/audit?action=admin.add`);
    await expect(page.getByText(`Added ${person.name} (${person.email}) as viewer`)).toBeVisible();
  });
});
