import type { Locator, Page } from '@playwright/test';
import type { Backend } from '../../../main/backend/backend';
import { newId } from '../../../db/ids';
import { inProcessApi, systemSession } from '../../../main/backend/transport/in-process';
import { addClass, addStudents } from '../../support/school';
import { expect, test } from '../fixtures';
import { expectAccessible } from '../support/accessibility';

const pad = (n: number) => String(n).padStart(4, '0');

/** `size` students in two classes of this school year; every tenth one scored high risk. */
async function seedSchool(backend: Backend, size: number) {
  const api = inProcessApi(backend, systemSession);
  const now = new Date();
  const start = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  const names = Array.from({ length: size }, (_, i) => `Pupil${pad(i + 1)} Family${pad(i + 1)}`);
  const ids = await addStudents(api, names, 'N');
  const half = Math.ceil(size / 2);
  await addClass(api, '10A', ids.slice(0, half), null, `${start}-${start + 1}`);
  await addClass(api, '10B', ids.slice(half), null, `${start}-${start + 1}`);
  // Scores as a past model left them; a retired stand-in, so no write tries to re-score with it.
  const db = backend.context.db;
  const schoolId = db.prepare('SELECT id FROM schools').pluck().get() as string;
  const model = newId();
  db.prepare(
    `INSERT INTO model_versions (id, school_id, kind, status, trigger, feature_schema_hash,
       metrics, artifact_sha256) VALUES (?, ?, 'logistic', 'retired', 'manual', 'h', '{}', ?)`,
  ).run(model, schoolId, 'a'.repeat(64));
  const score = db.prepare(
    `INSERT INTO risk_scores (school_id, student_id, model_version_id, score, tier, factors,
       scored_at) VALUES (?, ?, ?, ?, ?, '[]', '2025-10-14T00:00:00Z')`,
  );
  ids.forEach((id, i) =>
    score.run(schoolId, id, model, i % 10 === 0 ? 0.9 : 0.1, i % 10 === 0 ? 'high' : 'low'),
  );
  return { ids };
}

const grid = (page: Page) => page.getByRole('region', { name: 'List of students' });
const bodyRows = (page: Page) => grid(page).locator('tbody tr:not([aria-hidden])');
const firstName = (page: Page): Locator => bodyRows(page).first().getByRole('rowheader');

test('hundreds of students scroll in a virtual list, searched, filtered and sorted by the backend', async ({
  page,
  backend,
}, testInfo) => {
  test.setTimeout(90_000);
  await seedSchool(backend, 600);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Students' })
    .click();
  await expect(page.getByRole('status')).toHaveText('600 students');
  await expect(firstName(page)).toHaveText('Family0001, Pupil0001');
  // Only the rows in view (and a margin) are in the page.
  expect(await bodyRows(page).count()).toBeLessThan(60);
  await expect(grid(page).getByRole('table')).toHaveAttribute('aria-rowcount', '601');
  await grid(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid(page).getByRole('rowheader', { name: 'Family0600, Pupil0600' })).toBeVisible();
  expect(await bodyRows(page).count()).toBeLessThan(60);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('students-list.png') });

  await page.getByRole('searchbox', { name: 'Search by name or number' }).fill('pupil0477');
  await expect(page.getByRole('status')).toHaveText('1 student');
  await expect(firstName(page)).toHaveText('Family0477, Pupil0477');
  await page.getByRole('searchbox', { name: 'Search by name or number' }).fill('');
  await expect(page.getByRole('status')).toHaveText('600 students');

  await page.getByLabel('Risk', { exact: true }).selectOption({ label: 'High risk' });
  await page.getByLabel('Class', { exact: true }).selectOption({ label: '10B' });
  await expect(page.getByRole('status')).toHaveText('30 students');
  await expect(bodyRows(page).first().getByText('High risk')).toBeVisible();
  await expect(page).toHaveURL(/tier=high/);

  // Sort by number, then the other way: the header says which way.
  const numberHeader = grid(page).getByRole('columnheader', { name: 'Number' });
  await numberHeader.getByRole('button').click();
  await expect(numberHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(bodyRows(page).first().getByRole('cell').first()).toHaveText('N301');
  await numberHeader.getByRole('button').click();
  await expect(numberHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(bodyRows(page).first().getByRole('cell').first()).toHaveText('N591');
  await page.screenshot({ path: testInfo.outputPath('students-filtered.png') });
});

test('a head teacher adds a student, is told a number is taken, changes a status and archives', async ({
  page,
  backend,
}, testInfo) => {
  await seedSchool(backend, 20);
  await page.evaluate(() => (window.location.hash = '/students'));
  await expect(page.getByRole('status')).toHaveText('20 students');

  await page.getByRole('button', { name: 'Add student' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a student' });
  await dialog.getByRole('textbox', { name: 'Student number' }).fill('N3');
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Zara');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Novak');
  await dialog.getByLabel('Grade').selectOption('10');
  await dialog.getByRole('button', { name: 'Save student' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The student was not saved');
  await expect(dialog.getByRole('alert')).toContainText('Student number');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('students-add-refused.png') });
  await dialog.getByRole('textbox', { name: 'Student number' }).fill('N99');
  await dialog.getByRole('button', { name: 'Save student' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('Zara Novak saved. 21 students');
  const added = grid(page).getByRole('row', { name: /Novak, Zara/ });
  await expect(added).toContainText('N99');

  await added.getByRole('button', { name: 'Change the status of Zara Novak' }).click();
  const status = page.getByRole('dialog', { name: 'Status of Zara Novak' });
  await status.getByLabel('What happened').selectOption({ label: 'Dropped out' });
  await status.getByLabel('Reason').fill('Left to work on the family farm');
  await status.getByRole('button', { name: 'Record the change' }).click();
  await expect(page.getByRole('status')).toHaveText('Status recorded for Zara Novak. 21 students');
  await expect(added).toContainText('Dropped out');
  const change = backend.context.db
    .prepare(
      `SELECT c.status, c.reason FROM student_status_changes c JOIN students s ON s.id = c.student_id
       WHERE s.student_number = 'N99'`,
    )
    .get();
  expect(change).toEqual({ status: 'dropped_out', reason: 'Left to work on the family farm' });

  await added.getByRole('button', { name: 'Change the status of Zara Novak' }).click();
  await page.getByRole('button', { name: 'Archive this student' }).click();
  await expect(page.getByRole('status')).toHaveText('Zara Novak archived. 20 students');
  // The box follows the address, which the router updates a moment after the click.
  await page.getByLabel('Include archived students').click();
  await expect(page.getByLabel('Include archived students')).toBeChecked();
  await expect(
    grid(page).getByRole('rowheader', { name: /Novak, Zara \(archived\)/ }),
  ).toBeVisible();
});

test('a search given in the address replaces the one in the box, and stays', async ({
  page,
  backend,
}) => {
  await seedSchool(backend, 20);
  const search = page.getByRole('searchbox', { name: 'Search by name or number' });
  await page.evaluate(() => (window.location.hash = '/students?q=pupil0007'));
  await expect(search).toHaveValue('pupil0007');
  await expect(page.getByRole('status')).toHaveText('1 student');
  await expect(firstName(page)).toHaveText('Family0007, Pupil0007');

  // Another search arrives by the address (a link, the address bar) while the list is open:
  // the box takes its words, so it has none of its own to write back over the address.
  await page.evaluate(() => (window.location.hash = '/students?q=pupil0012'));
  await expect(search).toHaveValue('pupil0012');
  await expect(firstName(page)).toHaveText('Family0012, Pupil0012');

  // Typing still searches, and the address follows the box.
  await search.fill('pupil0003');
  await expect(page).toHaveURL(/#\/students\?q=pupil0003$/);
  await expect(firstName(page)).toHaveText('Family0003, Pupil0003');
  await expect(search).toHaveValue('pupil0003');
});
