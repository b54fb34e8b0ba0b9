import { newId } from '../../../db/ids';
import { ok } from '../../support/school';
import { expect, firstAdmin, test } from '../fixtures';
import { expectAccessible } from '../support/accessibility';
import { currentYear, seedCurrentClass } from '../support/current-class';
import { pdfText } from '../support/pdf-text';

/**
 * A student with a week of attendance (two days absent), marks in two subjects, an incident,
 * and scores left by a past model whose reasons name their 30-day attendance.
 */
async function seedStudent(backend: Parameters<typeof seedCurrentClass>[0]) {
  const { api, classId, students, today } = await seedCurrentClass(backend, '6C', 2);
  const [pupil, other] = students as [string, string];
  const days = Array.from({ length: 5 }, (_, i) => {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 6 + i);
    return d.toISOString().slice(0, 10);
  });
  for (const [i, date] of days.entries()) {
    ok(
      await api.saveRegister({
        classId,
        date,
        entries: [
          { studentId: pupil, status: i < 2 ? 'absent' : 'present' },
          { studentId: other, status: 'present' },
        ],
      }),
    );
  }
  const { schoolYear, from } = currentYear();
  const term = ok(
    await api.createTerm({ schoolYear, name: 'Term 1', startDate: from, endDate: today }),
  );
  for (const [subject, score] of [
    ['Maths', 8],
    ['History', 15],
  ] as const) {
    const a = ok(
      await api.createAssessment({ classId, termId: term.id, subject, name: 'Test', maxScore: 20 }),
    );
    ok(await api.saveMarks({ assessmentId: a.id, entries: [{ studentId: pupil, score }] }));
  }
  ok(
    await api.createIncident({ studentId: pupil, date: today, category: 'Fighting', severity: 2 }),
  );

  const db = backend.context.db;
  const schoolId = db.prepare('SELECT id FROM schools').pluck().get() as string;
  const model = newId();
  db.prepare(
    `INSERT INTO model_versions (id, school_id, kind, status, trigger, feature_schema_hash,
       metrics, artifact_sha256) VALUES (?, ?, 'forest', 'retired', 'manual', 'h', '{}', ?)`,
  ).run(model, schoolId, 'c'.repeat(64));
  const factors = JSON.stringify([
    {
      feature: 'attendance_rate_30d',
      text: 'attended 60% of the last 30 school days',
      direction: 'raises',
      weight: 0.4,
      value: 0.6,
      reference: 0.95,
      kind: 'indicator',
    },
  ]);
  db.prepare(
    `INSERT INTO risk_scores (school_id, student_id, model_version_id, score, tier, factors, scored_at)
     VALUES (?, ?, ?, 0.72, 'high', ?, ?)`,
  ).run(schoolId, pupil, model, factors, `${today}T08:00:00Z`);
  const history = db.prepare(
    `INSERT INTO risk_score_history (id, school_id, student_id, model_version_id, score, tier, scored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  history.run(newId(), schoolId, pupil, model, 0.35, 'medium', `${days[0]}T08:00:00Z`);
  history.run(newId(), schoolId, pupil, model, 0.72, 'high', `${today}T08:00:00Z`);
  return { pupil, model };
}

// Seeding, two axe runs and a PDF take longer than the default on a shared, loaded machine.
test.describe.configure({ timeout: 120_000 });

test('a profile explains the risk; an intervention is planned from a factor in two clicks and its outcome recorded', async ({
  page,
  backend,
}, testInfo) => {
  const { pupil } = await seedStudent(backend);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Students' })
    .click();
  await page.getByRole('link', { name: '6C-01, Pupil01' }).click();
  await expect(page).toHaveURL(new RegExp(`#/students/${pupil}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Pupil01 6C-01' })).toBeVisible();

  const risk = page.getByRole('region', { name: 'Risk' });
  // The tier, then the score said as a frequency among similar students, then the percentage.
  await expect(risk.locator('p').first()).toHaveText(
    'High risk About 72 in 100 students with this record left school within a year (risk score 72%).',
  );
  await expect(risk).toContainText('attended 60% of the last 30 school days (school median 95%)');
  const history = risk.getByRole('table');
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText('Medium risk');
  await expect(history.getByRole('row').nth(2)).toContainText('random forest, trained');
  await expect(page.locator('.risk-chart canvas').first()).toBeVisible();

  const attendance = page.getByRole('region', { name: 'Attendance' });
  await expect(attendance.getByRole('img', { name: /day by day/ })).toBeVisible();
  const months = attendance.getByRole('table', { name: 'Attendance by month' });
  const counted = await months
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent)));
  const absent = counted.reduce((sum, row) => sum + Number(row[2]), 0);
  const present = counted.reduce((sum, row) => sum + Number(row[1]), 0);
  expect([present, absent]).toEqual([3, 2]);
  const marks = page.getByRole('table', { name: 'Average by term and subject' });
  await expect(marks.getByRole('row', { name: /Maths/ })).toContainText('40%');
  await expect(marks.getByRole('row', { name: /History/ })).toContainText('75%');
  await expect(page.getByRole('region', { name: 'Incidents' })).toContainText('Fighting');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('profile.png'), fullPage: true });

  // The same score in French, with the verb agreeing with the number; then back to English.
  const language = page.getByRole('banner').getByRole('combobox', { name: 'Language' });
  await language.selectOption('fr');
  await expect(page.getByRole('region', { name: 'Risque' }).locator('p').first()).toHaveText(
    /^Risque élevé Environ 72 élèves sur 100 au dossier semblable ont quitté l’école dans l’année qui a suivi \(score de risque 72\s%\)\.$/,
  );
  await page.getByRole('banner').getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await expect(risk).toBeVisible();

  // Two clicks: the factor's button, then Save in the filled-in form.
  await risk
    .getByRole('button', {
      name: 'Plan an intervention for: attended 60% of the last 30 school days (school median 95%)',
    })
    .click();
  const dialog = page.getByRole('dialog', { name: 'New intervention for Pupil01 6C-01' });
  await expect(dialog.getByRole('textbox', { name: 'Intervention' })).toHaveValue(
    'Attendance follow-up',
  );
  await dialog.getByRole('button', { name: 'Save intervention' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Intervention saved.' })).toBeVisible();
  const plans = page.getByRole('region', { name: 'Interventions' });
  const row = plans.getByRole('row', { name: /Attendance follow-up/ });
  await expect(row).toContainText('Ada Admin');
  await expect(row).toContainText('Planned');

  await row.getByRole('button', { name: 'Record outcome: Attendance follow-up' }).click();
  const outcome = page.getByRole('dialog', { name: 'Outcome of Attendance follow-up' });
  await outcome.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Completed' });
  await outcome
    .getByRole('textbox', { name: 'What happened' })
    .fill('Came every day after two home visits');
  await outcome.getByRole('button', { name: 'Save outcome' }).click();
  await expect(row).toContainText('Completed');
  await expect(row).toContainText('Came every day after two home visits');
  const saved = backend.context.db
    .prepare('SELECT type, status, outcome_note AS note FROM interventions WHERE student_id = ?')
    .get(pupil);
  expect(saved).toEqual({
    type: 'Attendance follow-up',
    status: 'completed',
    note: 'Came every day after two home visits',
  });
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('profile-intervention.png'), fullPage: true });
});

test('a profile prints to PDF with the school, the date and the model version behind its score', async ({
  page,
  backend,
}, testInfo) => {
  const { pupil, model } = await seedStudent(backend);
  await page.goto(`${page.url().split('#')[0]}#/students/${pupil}`);
  const risk = page.getByRole('region', { name: 'Risk' });
  await expect(risk).toContainText(
    'About 72 in 100 students with this record left school within a year (risk score 72%).',
  );
  await expect(page.locator('.risk-chart canvas').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Incidents' })).toContainText('Fighting');

  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: testInfo.outputPath('profile-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
  expect(text).toContain('Pupil01 6C-01');
  expect(text).toContain(firstAdmin.schoolName);
  expect(text).toMatch(/student profile printed on [A-Z][a-z]+ \d{1,2}, \d{4}/);
  expect(text).toContain(`scored by the random forest model of`);
  expect(text).toContain(model.slice(0, 8));
  expect(text).toContain(
    'High risk About 72 in 100 students with this record left school within a year (risk score 72%).',
  );
  expect(text).toContain('attended 60% of the last 30 school days (school median 95%)');
  expect(text).toContain('Fighting');
  // Paper carries the record, not the screen's controls.
  expect(text).not.toContain('Sign out');
  expect(text).not.toContain('Plan an intervention');
  await testInfo.attach('profile.pdf', { body: Buffer.from(pdf), contentType: 'application/pdf' });
});
