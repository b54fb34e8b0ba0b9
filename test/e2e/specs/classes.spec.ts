import type { Page } from '@playwright/test';
import { systemConnection } from '../../../main/backend/transport/in-process';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../fixtures';

async function openClasses(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Classes and terms' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Classes and terms' })).toBeFocused();
}

test('terms and classes are created and edited, and a student is enrolled then moved', async ({
  page,
  backend,
}, testInfo) => {
  const made = await backend.dispatch(
    'createStudent',
    { studentNumber: 'C-1', firstName: 'Amina', lastName: 'Okoro' },
    systemConnection(),
  );
  expect(made.ok).toBe(true);
  await openClasses(page);
  // The page opens on the current school year; dates below fall inside it.
  const year = await page.getByLabel('School year', { exact: true }).first().inputValue();
  const first = year.slice(0, 4);

  const newTerm = page.getByRole('form', { name: 'New term' });
  await newTerm.getByRole('button', { name: 'Add term' }).click();
  await expect(newTerm.getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription(
    'Name must not be empty.',
  );
  await newTerm.getByRole('textbox', { name: /^Name/ }).fill('Term 1');
  await newTerm.getByLabel(/^Starts/).fill(`${first}-09-07`);
  await newTerm.getByLabel(/^Ends/).fill(`${first}-12-18`);
  await newTerm.getByRole('button', { name: 'Add term' }).click();
  const terms = page.getByRole('table', { name: 'Terms' });
  await expect(terms.getByRole('row', { name: /^Term 1/ })).toBeVisible();

  await terms.getByRole('button', { name: 'Edit Term 1' }).click();
  const editTerm = page.getByRole('form', { name: 'Edit term Term 1' });
  await editTerm.getByRole('textbox', { name: /^Name/ }).fill('Autumn term');
  await editTerm.getByRole('button', { name: 'Save term' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Autumn term saved.' })).toBeVisible();
  await expect(terms.getByRole('row', { name: /^Autumn term/ })).toBeVisible();

  const newClass = page.getByRole('form', { name: 'New class' });
  for (const name of ['7A', '7B']) {
    await newClass.getByRole('textbox', { name: /^Name/ }).fill(name);
    await newClass.getByRole('spinbutton', { name: 'Grade' }).fill('7');
    await newClass.getByRole('button', { name: 'Add class' }).click();
    await expect(page.getByRole('status').filter({ hasText: `${name} saved.` })).toBeVisible();
  }
  const classes = page.getByRole('table', { name: 'Classes' });
  await expect(classes.getByRole('row', { name: /^7A/ })).toContainText('No teacher');
  await classes.getByRole('button', { name: 'Edit 7B' }).click();
  const editClass = page.getByRole('form', { name: 'Edit class 7B' });
  await editClass.getByRole('combobox', { name: 'Teacher' }).selectOption({ label: 'Ada Admin' });
  await editClass.getByRole('button', { name: 'Save class' }).click();
  await expect(classes.getByRole('row', { name: /^7B/ })).toContainText('Ada Admin');

  // Enrol Amina in 7A from a search, then move her to 7B.
  await classes.getByRole('button', { name: 'Students of 7A' }).click();
  const roster = page.getByRole('region', { name: 'Students of 7A' });
  await expect(roster.getByRole('heading', { name: 'Students of 7A' })).toBeFocused();
  await roster.getByRole('searchbox', { name: 'Find a student by name or number' }).fill('okoro');
  await roster.getByRole('button', { name: 'Search' }).press('Enter');
  const found = roster.getByRole('table', { name: 'Students found' });
  await found
    .getByRole('row', { name: /Amina Okoro/ })
    .getByRole('button', { name: 'Enrol in 7A' })
    .click();
  await expect(roster.getByRole('status')).toHaveText('Amina Okoro now in 7A.');
  const enrolled = roster.getByRole('table', { name: 'Students enrolled in 7A' });
  await expect(enrolled.getByRole('row', { name: /Amina Okoro/ })).toBeVisible();
  await expect(classes.getByRole('row', { name: /^7A/ }).getByRole('cell').nth(2)).toHaveText('1');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('classes.png'), fullPage: true });

  const row = enrolled.getByRole('row', { name: /Amina Okoro/ });
  await row.getByRole('combobox', { name: 'Move Amina Okoro to' }).selectOption({ label: '7B' });
  await row.getByRole('button', { name: 'Move' }).click();
  await expect(roster.getByRole('status')).toHaveText('Amina Okoro now in 7B.');
  await expect(roster.getByText('No student is enrolled in this class on that day.')).toBeVisible();
  await expect(classes.getByRole('row', { name: /^7B/ }).getByRole('cell').nth(2)).toHaveText('1');
  await expect(classes.getByRole('row', { name: /^7A/ }).getByRole('cell').nth(2)).toHaveText('0');

  const student = await backend.dispatch('listStudents', { search: 'C-1' }, systemConnection());
  expect(student).toMatchObject({
    ok: true,
    value: { students: [{ currentClass: { name: '7B' } }] },
  });
});
