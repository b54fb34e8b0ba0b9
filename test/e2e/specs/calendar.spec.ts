import type { Page } from '@playwright/test';
import type { CalendarDay, Result } from '../../../contract';
import { systemConnection } from '../../../main/backend/transport/in-process';
import { expectAccessible } from '../support/axe';
import { openAdminScreen, openNavMenu } from '../support/open-admin-screen';
import { expect, test } from '../fixtures';

const day = (page: Page, name: RegExp) =>
  page.getByRole('table', { name: 'Days of January 2026' }).getByRole('button', { name });

test('school days, a holiday and a closure are marked on the month view', async ({
  page,
  backend,
}, testInfo) => {
  await openAdminScreen(page, 'Calendar');
  const form = page.getByRole('form', { name: 'Mark days' });

  // Two weeks typed as a range; Monday to Friday by default.
  await form.getByLabel('From').fill('2026-01-05');
  await form.getByLabel('To').fill('2026-01-16');
  await expect(page.getByRole('table', { name: 'Days of January 2026' })).toBeVisible();
  await form.getByRole('button', { name: 'Mark these days' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Days in the range: 10. Changed: 10, already so: 0.',
  );
  await expect(day(page, /^January 5, 2026 School day/)).toBeVisible();
  await expect(day(page, /^January 10, 2026 Not set/)).toBeVisible();

  // Two days chosen on the grid (Shift extends the range) become a named holiday.
  await day(page, /^January 12, 2026/).click();
  await day(page, /^January 13, 2026/).click({ modifiers: ['Shift'] });
  await expect(form.getByLabel('From')).toHaveValue('2026-01-12');
  await expect(form.getByLabel('To')).toHaveValue('2026-01-13');
  await expect(day(page, /^January 13, 2026/)).toHaveAttribute('aria-pressed', 'true');
  await form.getByRole('radio', { name: 'Holiday' }).check();
  await form.getByLabel(/^Note/).fill('Mid-term break');
  await form.getByRole('button', { name: 'Mark these days' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Days in the range: 2. Changed: 2, already so: 0.',
  );
  await expect(day(page, /^January 12, 2026 Holiday Mid-term break/)).toBeVisible();

  // A closure by keyboard only.
  await day(page, /^January 14, 2026/).focus();
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('From')).toHaveValue('2026-01-14');
  await form.getByRole('radio', { name: 'Closure' }).focus();
  await page.keyboard.press('Space');
  await form.getByLabel(/^Note/).fill('');
  await form.getByRole('button', { name: 'Mark these days' }).press('Enter');
  await expect(day(page, /^January 14, 2026 Closure/)).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('calendar.png'), fullPage: true });

  // A range that ends before it starts is refused and changes nothing.
  await form.getByLabel('From').fill('2026-01-20');
  await form.getByLabel('To').fill('2026-01-06');
  await form.getByRole('radio', { name: 'Clear what was set' }).check();
  await form.getByRole('button', { name: 'Mark these days' }).click();
  await expect(form.getByRole('alert')).toContainText('The calendar was not changed');

  const stored = (await backend.dispatch(
    'listCalendar',
    { from: '2026-01-01', to: '2026-01-31' },
    systemConnection(),
  )) as Result<CalendarDay[]>;
  expect(stored.ok && stored.value.map((d) => `${d.date} ${d.kind}`)).toEqual([
    '2026-01-05 school_day',
    '2026-01-06 school_day',
    '2026-01-07 school_day',
    '2026-01-08 school_day',
    '2026-01-09 school_day',
    '2026-01-12 holiday',
    '2026-01-13 holiday',
    '2026-01-14 closure',
    '2026-01-15 school_day',
    '2026-01-16 school_day',
  ]);
});

test('the calendar speaks French: month, weekdays and kinds', async ({ page, backend }) => {
  const set = await backend.dispatch(
    'setCalendarDays',
    { from: '2026-03-02', to: '2026-03-06', kind: 'holiday', note: 'Vacances de février' },
    systemConnection(),
  );
  expect(set.ok).toBe(true);
  await page.getByLabel('Language').selectOption('fr');
  const menu = await openNavMenu(page, /^Administration$/);
  await menu.getByRole('link', { name: 'Calendrier' }).click();
  const form = page.getByRole('form', { name: 'Marquer des jours' });
  await form.getByLabel('Du').fill('2026-03-02');
  const grid = page.getByRole('table', { name: 'Jours de mars 2026' });
  await expect(grid.getByRole('columnheader').first()).toHaveText('lun.');
  await expect(
    grid.getByRole('button', { name: /^2 mars 2026 Vacances Vacances de février/ }),
  ).toBeVisible();
  await expect(form.getByRole('radio', { name: 'Jour de classe' })).toBeChecked();
  await expectAccessible(page);
});
