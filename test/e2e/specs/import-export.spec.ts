import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import type { Result, StudentPage } from '../../../contract';
import { systemConnection } from '../../../main/backend/transport/in-process';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../fixtures';

const header = 'Student number,First name,Last name,Sex,Date of birth,Class,School year,Remarks';
const goodRows = [
  'S-001,Amina,Okoro,F,2012-03-04,7A,2025-2026,',
  'S-002,Brian,Mwangi,M,2011-11-20,7A,2025-2026,new',
  'S-003,Chloé,Dubois,F,2012-07-15,7B,2025-2026,',
];
/** Row 3 has a sex Beacon does not know; row 4 a date that does not exist. */
const badRows = [
  'S-001,Amina,Okoro,F,2012-03-04,7A,2025-2026,',
  'S-002,Brian,Mwangi,Q,2011-11-20,7A,2025-2026,',
  'S-003,Chloé,Dubois,F,2012-02-31,7B,2025-2026,',
];
const csv = (rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n', 'utf8');

async function openImport(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Import' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeFocused();
}

async function chooseAndPreview(page: Page, name: string, content: Buffer) {
  const form = page.getByRole('form', { name: 'Choose a file' });
  await form.getByLabel('What the file holds').selectOption('students');
  await form
    .getByLabel('Spreadsheet (.csv or .xlsx)')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  await form.getByRole('button', { name: 'Show the preview' }).click();
  await expect(page.getByRole('table', { name: 'Where each field comes from' })).toBeVisible();
}

async function savedText(download: Download): Promise<string> {
  const path = await download.path();
  return readFile(path, 'utf8');
}

test('a spreadsheet with bad rows is refused whole and its report names every row', async ({
  page,
  backend,
}, testInfo) => {
  await openImport(page);
  await chooseAndPreview(page, 'pupils.csv', csv(badRows));

  // The columns were matched by name; the preview shows the file's first rows as parsed.
  const mapping = page.getByRole('table', { name: 'Where each field comes from' });
  await expect(mapping.getByLabel(/^student_number/)).toHaveValue('Student number');
  await expect(mapping.getByLabel(/^date_of_birth/)).toHaveValue('Date of birth');
  const sample = page.getByRole('table', { name: 'First rows of the file' });
  await expect(sample.getByRole('row')).toHaveCount(4);
  await expect(page.getByText('Columns not imported: Remarks')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('heading', { name: 'Refused: nothing was written' })).toBeVisible();
  const rejections = page.getByRole('table', { name: 'Rejected rows and why' });
  await expect(rejections.getByRole('row', { name: /^3 / })).toContainText('Q');
  await expect(rejections.getByRole('row', { name: /^4 / })).toContainText('2012-02-31');
  await expect(page.getByRole('button', { name: 'Import now' })).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('import-refused.png'), fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the rejected rows (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('pupils-rejected-rows.csv');
  const report = (await savedText(download)).replace(/^\uFEFF/, '').split('\r\n');
  expect(report[0]).toBe('row,column,value,reason');
  expect(report.some((line) => line.startsWith('3,') && line.includes('Q'))).toBe(true);
  expect(report.some((line) => line.startsWith('4,') && line.includes('2012-02-31'))).toBe(true);

  const students = await backend.dispatch('listStudents', {}, systemConnection());
  expect(students).toMatchObject({ ok: true, value: { total: 0 } });
});

test('a clean spreadsheet is checked, imported, and its mapping is kept for next time', async ({
  page,
  backend,
}, testInfo) => {
  await openImport(page);
  await chooseAndPreview(page, 'pupils.csv', csv(goodRows));
  // The user reads Remarks into nothing and the birth date from its column, by keyboard.
  const birth = page.getByLabel(/^date_of_birth/);
  await birth.focus();
  await birth.selectOption('Date of birth');
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(
    page.getByRole('heading', { name: 'Check finished: nothing has been written yet' }),
  ).toBeVisible();
  const counts = page.getByRole('table', { name: 'Records per table' });
  await expect(counts.getByRole('row', { name: /^students/ })).toContainText('3');

  await page.getByRole('button', { name: 'Import now' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Imported' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'mapping is saved' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('import-done.png'), fullPage: true });

  const students = (await backend.dispatch(
    'listStudents',
    {},
    systemConnection(),
  )) as Result<StudentPage>;
  expect(students.ok && students.value.students.map((s) => s.studentNumber).sort()).toEqual([
    'S-001',
    'S-002',
    'S-003',
  ]);

  // The next file of the same kind starts from the saved mapping.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await expect(page.getByLabel('Column mapping')).toHaveValue('students');
});

test('export saves students as CSV and as a workbook', async ({ page, backend }, testInfo) => {
  const sys = systemConnection();
  for (const [number, first] of [
    ['E-1', 'Zanele'],
    ['E-2', 'Yusuf'],
  ]) {
    const made = await backend.dispatch(
      'createStudent',
      { studentNumber: number, firstName: first, lastName: 'Export' },
      sys,
    );
    expect(made.ok).toBe(true);
  }
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Export' })
    .click();
  const form = page.getByRole('form', { name: 'Export records' });
  await form.getByLabel('Records').selectOption('students');
  await form.getByLabel('Separator between columns (CSV)').selectOption('semicolon');
  await expectAccessible(page);
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    form.getByRole('button', { name: 'Export' }).click(),
  ]);
  await expect(form.getByRole('status')).toContainText('2 rows');
  const text = await savedText(csvDownload);
  expect(text.split(/\r?\n/)[0]).toContain('student_number;');
  expect(text).toContain('E-1;');
  expect(text).toContain('Yusuf');
  await page.screenshot({ path: testInfo.outputPath('export.png'), fullPage: true });

  await form.getByLabel('File type').selectOption('xlsx');
  await expect(form.getByLabel('Separator between columns (CSV)')).toHaveCount(0);
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    form.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = await readFile(await xlsx.path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
});
