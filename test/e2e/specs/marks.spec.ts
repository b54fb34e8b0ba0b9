import type { Page } from '@playwright/test';
import { ok } from '../../support/school';
import { expect, test } from '../fixtures';
import { expectAccessible } from '../support/accessibility';
import { seedCurrentClass } from '../support/current-class';

/** Pastes `text` into the focused element as a spreadsheet copy would. */
async function pasteText(page: Page, text: string) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

test('a column of marks pasted from a spreadsheet is checked as typed and saved once', async ({
  page,
  backend,
}, testInfo) => {
  const { api, classId, students } = await seedCurrentClass(backend, '9M', 5);
  const quiz = ok(
    await api.createAssessment({ classId, subject: 'Maths', name: 'Test 1', maxScore: 20 }),
  );
  ok(await api.createAssessment({ classId, subject: 'Science', name: 'Lab', maxScore: 10 }));
  await page.evaluate((id) => (window.location.hash = `/marks?class=${id}`), classId);
  const table = page.getByRole('table', { name: 'Marks of 9M' });
  await expect(table.getByRole('row')).toHaveCount(6);

  const cell = (n: number, assessment = 'Maths Test 1', max = 20) =>
    table.getByRole('textbox', {
      name: `Pupil0${n} 9M-0${n}, ${assessment}, out of ${max}`,
    });
  await cell(1).focus();
  await pasteText(page, '12\r\n15,5\r\n21\r\n9\r\n');
  await expect(cell(1)).toHaveValue('12');
  await expect(cell(2)).toHaveValue('15,5');
  await expect(cell(3)).toHaveValue('21');
  await expect(cell(3)).toHaveAttribute('aria-invalid', 'true');
  await expect(table.getByText('above 20')).toBeVisible();
  await expect(cell(5)).toHaveValue('');
  await expect(page.getByRole('status')).toHaveText('1 mark needs fixing before saving.');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('marks-pasted.png'), fullPage: true });

  await page.getByRole('button', { name: 'Save marks' }).click();
  expect(backend.context.db.prepare('SELECT count(*) FROM marks').pluck().get()).toBe(0);

  // Keyboard: Enter walks down the column; a Science mark typed beside it.
  await cell(3).fill('19');
  await page.keyboard.press('Enter');
  await expect(cell(4)).toBeFocused();
  await cell(1, 'Science Lab', 10).fill('7');
  await page.getByRole('button', { name: 'Save marks' }).click();
  await expect(page.getByRole('status')).toHaveText('Marks saved: 5 changes.');
  const saved = backend.context.db
    .prepare('SELECT student_id AS s, score FROM marks WHERE assessment_id = ?')
    .all(quiz.id) as { s: string; score: number }[];
  expect(new Map(saved.map((m) => [m.s, m.score]))).toEqual(
    new Map([
      [students[0], 12],
      [students[1], 15.5],
      [students[2], 19],
      [students[3], 9],
    ]),
  );
  await page.reload();
  await expect(cell(2)).toHaveValue('15.5');
  await expect(cell(1, 'Science Lab', 10)).toHaveValue('7');
});
