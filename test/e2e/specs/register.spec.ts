import type { Page } from '@playwright/test';
import type { Backend } from '../../../main/backend/backend';
import { inProcessApi, systemSession } from '../../../main/backend/transport/in-process';
import { ok } from '../../support/school';
import { expect, signInThroughUi, test } from '../fixtures';
import { expectAccessible } from '../support/accessibility';
import { seedCurrentClass as seedClass } from '../support/current-class';

const statusesSaved = (backend: Backend, date: string) =>
  backend.context.db
    .prepare(
      `SELECT s.student_number AS number, a.status FROM attendance a
       JOIN students s ON s.id = a.student_id WHERE a.date = ? ORDER BY s.student_number`,
    )
    .all(date) as { number: string; status: string }[];

const radio = (page: Page, student: string, status: string) =>
  page.getByRole('radiogroup', { name: student }).getByRole('radio', { name: status });

test('a register for a class of 35 is taken by keyboard, saved and reopened as saved', async ({
  page,
  backend,
}, testInfo) => {
  test.setTimeout(60_000); // 35 students seeded through the services, then axe
  const { today } = await seedClass(backend, '7B', 35);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Register' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Register' })).toBeFocused();
  await page.getByLabel('Class').selectOption({ label: '7B' });
  await expect(page.getByLabel('Date')).toHaveValue(today);
  const table = page.getByRole('table', { name: /^Register of 7B on / });
  await expect(table.getByRole('radiogroup')).toHaveCount(35);
  await expect(page.getByText('This register has not been taken yet.')).toBeVisible();
  await expect(page.getByText('35 present, 0 absent, 0 late, 0 excused.')).toBeVisible();

  // The register is one tab stop (the current student's status), just before Save.
  await page.getByRole('button', { name: 'Save register' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(radio(page, 'Pupil01 7B-01', 'Present')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('a'); // Pupil03 absent, then on to Pupil04
  await page.keyboard.press('l'); // Pupil04 late
  await page.keyboard.press('p'); // Pupil05 stays present
  await page.keyboard.press('e'); // Pupil06 excused
  await page.keyboard.press('End');
  await page.keyboard.press('a'); // the last student absent
  await expect(radio(page, 'Pupil35 7B-35', 'Absent')).toBeFocused();
  await expect(page.getByText('31 present, 2 absent, 1 late, 1 excused.')).toBeVisible();
  await expect(table.getByText('changed, not saved')).toHaveCount(4);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('register-taking.png'), fullPage: true });

  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText(
    'Register saved: 35 entries changed, 0 unchanged.',
  );
  const saved = statusesSaved(backend, today);
  expect(saved).toHaveLength(35);
  const notPresent = saved.filter((r) => r.status !== 'present');
  expect(notPresent).toEqual([
    { number: '7B-3', status: 'absent' },
    { number: '7B-35', status: 'absent' },
    { number: '7B-4', status: 'late' },
    { number: '7B-6', status: 'excused' },
  ]);

  // The class and day are in the address: a reload reopens what was saved, and by whom.
  await page.reload();
  await expect(radio(page, 'Pupil03 7B-03', 'Absent')).toHaveAttribute('aria-checked', 'true');
  await expect(radio(page, 'Pupil04 7B-04', 'Late')).toHaveAttribute('aria-checked', 'true');
  await expect(radio(page, 'Pupil01 7B-01', 'Present')).toHaveAttribute('aria-checked', 'true');
  await expect(
    page.getByText(/^This day was already taken: 35 entries saved, last by Ada Admin on /),
  ).toBeVisible();
  await expect(
    table.getByRole('row', { name: /Pupil03 7B-03/ }).getByText(/^Ada Admin, /),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('register-reopened.png'), fullPage: true });
});

test('an unsaved register asks before leaving, and a second save rewrites only the change', async ({
  page,
  backend,
}) => {
  const { classId, today } = await seedClass(backend, '8C', 5);
  await page.evaluate((id) => (window.location.hash = `/register?class=${id}`), classId);
  await radio(page, 'Pupil02 8C-02', 'Present').focus();
  await page.keyboard.press('Enter'); // saves the whole day: everyone present
  await expect(page.getByRole('status')).toHaveText(
    'Register saved: 5 entries changed, 0 unchanged.',
  );

  await radio(page, 'Pupil02 8C-02', 'Absent').click();
  await expect(radio(page, 'Pupil02 8C-02', 'Absent')).toBeFocused();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(page).toHaveURL(/#\/register/);

  await page.getByRole('button', { name: 'Save register' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Register saved: 1 entry changed, 4 unchanged.',
  );
  expect(statusesSaved(backend, today).map((r) => r.status)).toEqual([
    'present',
    'absent',
    'present',
    'present',
    'present',
  ]);
  // Saved: leaving no longer asks.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible();
});

test('a teacher takes their own class and is refused another class register', async ({
  page,
  backend,
}, testInfo) => {
  const teacher = ok(
    await inProcessApi(backend, systemSession).createUser({
      username: 'tess',
      displayName: 'Tess Okafor',
      role: 'teacher',
      password: 'tess password 1',
    }),
  );
  await seedClass(backend, '9A', 3, teacher.id);
  const other = await seedClass(backend, '9B', 3);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInThroughUi(page, 'tess', 'tess password 1');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Register' })
    .click();
  // Her only class opens at once; the other class is not offered.
  const classes = page.getByLabel('Class').getByRole('option');
  await expect(classes).toHaveText(['Choose a class', '9A']);
  await expect(page.getByRole('table', { name: /^Register of 9A on / })).toBeVisible();

  await page.evaluate((id) => (window.location.hash = `/register?class=${id}`), other.classId);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Beacon could not open this register');
  await expect(alert).toContainText('Your account is not allowed to do this.');
  await expect(alert).toContainText('Error code: FORBIDDEN');
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('register-refused.png'), fullPage: true });
});
