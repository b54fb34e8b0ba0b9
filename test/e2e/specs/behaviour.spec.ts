import { expect, test } from '../fixtures';
import { expectAccessible } from '../support/accessibility';
import { seedCurrentClass } from '../support/current-class';

test('an incident logged in the behaviour screen joins the log and the student features at once', async ({
  page,
  backend,
}, testInfo) => {
  const { students } = await seedCurrentClass(backend, '8D', 3);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Behaviour' })
    .click();
  const form = page.getByRole('form', { name: 'Log an incident' });
  await form.getByLabel('Student').selectOption({ label: '8D-02, Pupil02' });
  await form.getByLabel('What happened').fill('Fighting in the yard');
  await form.getByLabel('Severity').selectOption({ label: 'Serious' });
  await form.getByLabel('Action taken').fill('Parents called');
  await form.getByRole('button', { name: 'Log incident' }).click();
  await expect(page.getByRole('status')).toHaveText('Incident logged for Pupil02 8D-02.');
  const row = page.getByRole('table').getByRole('row', { name: /Fighting in the yard/ });
  await expect(row).toContainText('Pupil02 8D-02');
  await expect(row).toContainText('Serious');
  await expect(row).toContainText('Parents called');
  const features = backend.context.db
    .prepare('SELECT incidents_sev2_90d FROM student_features WHERE student_id = ?')
    .pluck()
    .get(students[1]);
  expect(features).toBe(1);

  await page.getByLabel('Severity', { exact: true }).last().selectOption({ label: 'Severe' });
  await expect(page.getByText('No incidents match these filters.')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('behaviour.png'), fullPage: true });
});
