import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Connection } from '../../../main/backend/auth/session';
import { systemConnection } from '../../../main/backend/transport/in-process';
import { expectAccessible } from '../support/axe';
import { openAdminScreen, openNavMenu } from '../support/open-admin-screen';
import { expect, signInThroughUi, test } from '../fixtures';

const tinaPassword = 'blackboard chalk 42';

const accountRow = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Accounts' }).getByRole('row', { name: new RegExp(`^${name}`) });

test('an administrator creates, promotes, unlocks, resets and disables an account', async ({
  page,
  backend,
}, testInfo) => {
  // A long journey with a dozen password hashes (scrypt, deliberately slow).
  test.slow();
  await openAdminScreen(page, 'Users');
  const form = page.getByRole('form', { name: 'New account' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Tina Teacher');
  await form.getByRole('textbox', { name: 'Username' }).fill('Tina');
  await form.getByLabel(/^Password/).fill('short');
  await form.getByLabel(/^Confirm password/).fill('different');
  await form.getByRole('button', { name: 'Create account' }).click();
  // The contract's own rules refuse it before anything is sent.
  await expect(form.getByLabel(/^Password/)).toHaveAccessibleDescription(
    /Password must be at least 10 characters long/,
  );
  await expect(form.getByLabel(/^Confirm password/)).toHaveAccessibleDescription(
    /Confirm password does not match the password/,
  );
  await expect(accountRow(page, 'Tina Teacher')).toHaveCount(0);

  await form.getByLabel(/^Password/).fill(tinaPassword);
  await form.getByLabel(/^Confirm password/).fill(tinaPassword);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByRole('status')).toHaveText('Account tina created.');
  await expect(accountRow(page, 'Tina Teacher')).toContainText('Teacher');
  await expect(accountRow(page, 'Tina Teacher')).toContainText('Active');

  // A username taken twice is refused by the backend, under its field.
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Another Tina');
  await form.getByRole('textbox', { name: 'Username' }).fill('tina');
  await form.getByLabel(/^Password/).fill(tinaPassword);
  await form.getByLabel(/^Confirm password/).fill(tinaPassword);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText('The account was not created');
  await expectAccessible(page);

  // Promote by keyboard.
  await accountRow(page, 'Tina Teacher')
    .getByRole('button', { name: 'Manage Tina Teacher' })
    .click();
  const panel = page.getByRole('region', { name: 'Manage Tina Teacher' });
  await expect(panel.getByRole('heading', { name: 'Manage Tina Teacher' })).toBeFocused();
  await panel.getByLabel('Change role').selectOption('head_teacher');
  await panel.getByRole('button', { name: 'Save role' }).press('Enter');
  await expect(panel.getByRole('status')).toHaveText('Role saved.');
  await expect(accountRow(page, 'Tina Teacher')).toContainText('Head teacher');

  // Five wrong passwords lock the account; Refresh shows it, Unlock lifts it.
  const outsider: Connection = { session: null };
  for (let i = 0; i < 5; i++) {
    await backend.dispatch('signIn', { username: 'tina', password: 'wrong password' }, outsider);
  }
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(accountRow(page, 'Tina Teacher')).toContainText('Locked until');
  await page.screenshot({ path: testInfo.outputPath('users-locked.png'), fullPage: true });
  await panel.getByRole('button', { name: 'Unlock' }).click();
  await expect(panel.getByRole('status')).toHaveText('Account unlocked.');
  await expect(accountRow(page, 'Tina Teacher')).toContainText('Active');

  // Reset the password: the new one works, the old one does not.
  await panel.getByRole('button', { name: 'Reset password' }).click();
  const reset = panel.getByRole('form', { name: 'Reset the password of Tina Teacher' });
  await reset.getByLabel(/^New password/).fill('a brand new secret');
  await reset.getByLabel(/^Confirm password/).fill('a brand new secret');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(panel.getByRole('status')).toHaveText('Password reset. Any lockout is lifted.');
  const fresh = (password: string) =>
    backend.dispatch('signIn', { username: 'tina', password }, { session: null });
  expect((await fresh(tinaPassword)).ok).toBe(false);
  expect((await fresh('a brand new secret')).ok).toBe(true);

  await panel.getByRole('button', { name: 'Disable account' }).click();
  await expect(panel.getByRole('status')).toHaveText(
    'Account disabled: Tina Teacher can no longer sign in.',
  );
  await expect(accountRow(page, 'Tina Teacher')).toContainText('Disabled');
  expect(await fresh('a brand new secret')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('users.png'), fullPage: true });
});

test('the audit log filters by table and action and exports what it shows', async ({
  page,
  backend,
}, testInfo) => {
  const sys = systemConnection();
  const made = await backend.dispatch(
    'createStudent',
    { studentNumber: 'A-7', firstName: 'Oluwaseun', lastName: 'Adeyemi' },
    sys,
  );
  expect(made.ok).toBe(true);
  await backend.dispatch(
    'signIn',
    { username: 'admin', password: 'not it at all' },
    { session: null },
  );

  await openAdminScreen(page, 'Audit log');
  const entries = page.getByRole('table', { name: 'Audit entries' });
  await expect(entries.getByRole('row', { name: /students/ })).toContainText('Oluwaseun');

  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Table').fill('students');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(entries.getByRole('row').filter({ hasText: 'users' })).toHaveCount(0);
  await expect(entries.getByRole('row', { name: /students/ })).toHaveCount(1);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('audit-students.png'), fullPage: true });

  await filters.getByLabel('Table').fill('');
  await filters.getByLabel('Action').selectOption('login');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(entries.getByRole('row').filter({ hasText: 'wrong_password' })).toHaveCount(1);
  await expect(entries.getByRole('row').filter({ hasText: 'Oluwaseun' })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as CSV' }).click(),
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible();
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv).toContain('wrong_password');
  expect(csv).not.toContain('Oluwaseun');
});

test('a teacher sees neither users nor the audit log, and is refused at their address', async ({
  page,
  backend,
}) => {
  const made = await backend.dispatch(
    'createUser',
    { username: 'terry', displayName: 'Terry Teacher', role: 'teacher', password: tinaPassword },
    systemConnection(),
  );
  expect(made.ok).toBe(true);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInThroughUi(page, 'terry', tinaPassword);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Administration' })).toHaveCount(0);
  const more = await openNavMenu(page, /^More$/);
  for (const name of ['Overview', 'Users', 'Audit log', 'Import', 'Export']) {
    await expect(more.getByRole('link', { name })).toHaveCount(0);
  }
  for (const path of ['/admin', '/users', '/audit', '/import', '/classes', '/calendar']) {
    await page.evaluate((hash) => (window.location.hash = hash), path);
    await expect(page.getByRole('heading', { level: 1, name: 'Not for your role' })).toBeVisible();
  }
});
