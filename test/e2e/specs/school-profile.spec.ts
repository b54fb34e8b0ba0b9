import { systemConnection } from '../../../main/backend/transport/in-process';
import { expect, firstAdmin, test } from '../fixtures';
import { openScreen } from '../support/open-admin-screen';

test('a saved school profile shows on the home and health pages', async ({ page }) => {
  await openScreen(page, 'School profile');
  const form = page.getByRole('form', { name: 'School profile' });
  await form.getByRole('textbox', { name: 'School name' }).fill('Hillside Secondary School');
  await form.getByRole('textbox', { name: 'School code' }).fill('HS-042');
  await form.getByRole('textbox', { name: 'Region' }).fill('Central');
  await form.getByRole('textbox', { name: 'Country' }).fill('Kenya');
  await form.getByRole('combobox', { name: 'Time zone' }).fill('Africa/Nairobi');
  await form.getByRole('combobox', { name: 'School year starts in' }).selectOption('January');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(form.getByRole('status')).toHaveText('School profile saved.');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Home' }).click();
  const main = page.getByRole('main');
  await expect(main).toContainText('Hillside Secondary School');
  await expect(main).toContainText('Central, Kenya');

  await openScreen(page, 'Health');
  const counts = page.getByRole('table', { name: 'Row counts' });
  await expect(counts.getByRole('row', { name: 'schools' }).getByRole('cell')).toHaveText('1');

  // The form shows what was saved when it is opened again.
  await openScreen(page, 'School profile');
  await expect(page.getByRole('textbox', { name: 'School name' })).toHaveValue(
    'Hillside Secondary School',
  );
  await expect(page.getByRole('combobox', { name: 'School year starts in' })).toHaveValue('1');
});

test('an empty school name is refused and nothing is saved', async ({ page, backend }) => {
  await openScreen(page, 'School profile');
  const form = page.getByRole('form', { name: 'School profile' });
  const name = form.getByRole('textbox', { name: 'School name' });
  await name.fill('   ');
  await form.getByRole('button', { name: 'Save profile' }).click();

  await expect(form.getByRole('alert')).toContainText('School name must not be empty.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('School name must not be empty.');
  await expect(name).toBeFocused();
  await expect(form.getByRole('status')).toHaveText('');
  expect(await backend.dispatch('getSchool', {}, systemConnection())).toMatchObject({
    ok: true,
    value: { name: firstAdmin.schoolName },
  });
});
