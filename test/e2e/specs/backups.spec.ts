import { expectAccessible } from '../support/axe';
import { openAdminScreen } from '../support/open-admin-screen';
import { expect, test } from '../fixtures';

test('an administrator backs up, restores after a confirm, and sets the schedule', async ({
  page,
  backend,
}, testInfo) => {
  await openAdminScreen(page, 'Backups');
  const files = page.getByRole('table', { name: 'Backup files' });

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup made' })).toBeVisible();
  await expect(files.getByRole('row').filter({ hasText: 'By hand' })).toHaveCount(1);

  // Restore asks first; Cancel leaves everything as it was.
  const restoreButton = files.getByRole('button', { name: /^Restore the backup of / }).first();
  await restoreButton.click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('kept as a backup first');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(files.getByRole('row').filter({ hasText: 'Before a restore' })).toHaveCount(0);

  await restoreButton.click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Restored\./ })).toBeVisible();
  await expect(files.getByRole('row').filter({ hasText: 'Before a restore' })).toHaveCount(1);

  // The schedule: the contract's own rules refuse a relative folder before anything is sent.
  const schedule = page.getByRole('form', { name: 'Schedule' });
  await schedule.getByRole('spinbutton', { name: /Hours between backups/ }).fill('12');
  await schedule.getByRole('textbox', { name: 'Folder' }).fill('usb/backups');
  await schedule.getByRole('button', { name: 'Save the schedule' }).click();
  await expect(schedule.getByRole('textbox', { name: 'Folder' })).toHaveAccessibleDescription(
    /must be a full path/,
  );
  await schedule.getByRole('textbox', { name: 'Folder' }).fill('');
  await schedule.getByRole('button', { name: 'Save the schedule' }).click();
  await expect(schedule.getByRole('status')).toHaveText('Schedule saved.');
  expect(backend.context.backups.settings()).toMatchObject({ everyHours: 12, folder: null });

  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('backups.png'), fullPage: true });
});
