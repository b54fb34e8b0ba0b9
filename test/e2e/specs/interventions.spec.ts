import { ok } from '../../support/school';
import { expect, test } from '../fixtures';
import { expectAccessible } from '../support/accessibility';
import { seedCurrentClass } from '../support/current-class';

test('the interventions log lists by review date, filters by owner and records an outcome', async ({
  page,
  backend,
}, testInfo) => {
  const { api, students, from, today } = await seedCurrentClass(backend, '5A', 2);
  const admin = backend.context.db
    .prepare("SELECT id FROM users WHERE username = 'admin'")
    .pluck()
    .get() as string;
  const [first, second] = students as [string, string];
  ok(
    await api.createIntervention({
      studentId: second,
      type: 'Home visit',
      ownerId: admin,
      startDate: from,
      reviewDate: from,
    }),
  );
  ok(await api.createIntervention({ studentId: first, type: 'Tutoring', startDate: today }));

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Interventions' })
    .click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Home visit');
  await expect(rows.nth(1)).toContainText('(overdue)');
  await expect(rows.nth(2)).toContainText('Tutoring');
  const mine = page.getByLabel('Only mine');
  await mine.click();
  await expect(mine).toBeChecked();
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/mine=1/);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('interventions.png'), fullPage: true });

  await rows
    .nth(1)
    .getByRole('button', { name: 'Record outcome: Home visit (Pupil02 5A-02)' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Outcome of Home visit' });
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Completed' });
  await dialog.getByRole('textbox', { name: 'What happened' }).fill('Family agreed a plan');
  await dialog.getByRole('button', { name: 'Save outcome' }).click();
  await expect(page.getByRole('status')).toHaveText('Outcome saved. 1 intervention');
  await expect(rows.nth(1)).toContainText('Completed');
  await expect(rows.nth(1)).not.toContainText('overdue');
  await expect(rows.nth(1)).toContainText('Family agreed a plan');
});
