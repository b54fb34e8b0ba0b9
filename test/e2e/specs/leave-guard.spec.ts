import { expect, test } from '../fixtures';
import { openScreen } from '../support/open-admin-screen';

test('leaving a form with unsaved changes asks first, and staying keeps them', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await openScreen(page, 'Settings');
  const share = page.getByLabel('High tier: share of students (%)');
  await share.fill('12');

  await nav.getByRole('link', { name: 'Home' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(share).toHaveValue('12');

  // Saved changes are no reason to ask.
  await page.getByRole('button', { name: 'Save the tiers' }).click();
  await expect(page.getByText('Tiers saved.')).toBeVisible();
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible();

  // Unsaved again: leaving is allowed once the person says so.
  await openScreen(page, 'Settings');
  await page.getByLabel('High tier: share of students (%)').fill('14');
  await nav.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible();
});
