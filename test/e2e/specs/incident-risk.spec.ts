import type { Page } from '@playwright/test';
import type { RiskList, StudentRisk } from '../../../contract';
import { systemConnection } from '../../../main/backend/transport/in-process';
import { expect, test } from '../fixtures';
import { expectAccessible } from '../support/axe';
import { scoreDemoSchool } from '../support/scored-school';

/** The profile's score sentence and its reasons, as the page shows them. */
async function shownRisk(page: Page): Promise<{ sentence: string; reasons: string[] }> {
  const risk = page.getByRole('region', { name: 'Risk' });
  const sentence = (await risk.locator('p').first().textContent()) ?? '';
  const reasons = await risk.locator('.factor-list li > span').allTextContents();
  return { sentence, reasons };
}

test.describe('logging an incident', () => {
  // A scored school takes a minute to make; the machine may be shared.
  test.setTimeout(240_000);

  test("moves that student's risk and reasons on their profile", async ({
    page,
    backend,
  }, testInfo) => {
    await scoreDemoSchool(backend);
    const ask = async <T>(name: string, input: unknown): Promise<T> => {
      const answer = await backend.dispatch(name, input, systemConnection());
      if (!answer.ok) throw new Error(`${name}: ${answer.message}`);
      return answer.value as T;
    };
    // A low-risk student in one of this year's classes, whose reasons name no incident.
    const { entries } = await ask<RiskList>('riskList', { tier: 'low', limit: 1000 });
    const student = entries.find(
      (e) => e.className !== null && !e.factors.some((f) => f.feature.startsWith('incidents')),
    );
    if (!student) throw new Error('the demo school has no low-risk student in a class');
    const { first, last } = backend.context.db
      .prepare('SELECT first_name AS first, last_name AS last FROM students WHERE id = ?')
      .get(student.studentId) as { first: string; last: string };
    const before = await ask<StudentRisk>('studentRisk', { studentId: student.studentId });

    // Their profile before: the score in words and the reasons.
    await page.reload();
    const nav = page.getByRole('navigation', { name: 'Main' });
    const openProfile = async () => {
      await nav.getByRole('link', { name: 'Students' }).click();
      await page.getByRole('searchbox', { name: 'Search by name or number' }).fill(last);
      await page.getByRole('link', { name: `${last}, ${first}` }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${first} ${last}` })).toBeVisible();
    };
    await openProfile();
    const pct = (score: number) => `${Math.round(score * 100)}%`;
    // The page says the score in the backend's words (its scoreText), then the percentage.
    const said = (r: StudentRisk) =>
      `${(r.scoreText ?? '').replace(/^./, (c) => c.toUpperCase())} (risk score ${pct(r.score ?? -1)}).`;
    await expect(page.getByRole('region', { name: 'Risk' })).toContainText(said(before));
    const shownBefore = await shownRisk(page);
    expect(shownBefore.reasons.join(' ')).not.toMatch(/behaviour incidents/);

    // Three severe incidents logged today in the Behaviour screen.
    await nav.getByRole('link', { name: 'Behaviour' }).click();
    const form = page.getByRole('form', { name: 'Log an incident' });
    await form.getByLabel('Class').selectOption({ label: student.className ?? '' });
    for (const what of ['Fighting in the yard', 'Threatened a classmate', 'Vandalised a door']) {
      await form.getByLabel('Student').selectOption({ label: `${last}, ${first}` });
      await form.getByLabel('What happened').fill(what);
      await form.getByLabel('Severity').selectOption({ label: 'Severe' });
      await form.getByRole('button', { name: 'Log incident' }).click();
      await expect(page.getByRole('status')).toHaveText(`Incident logged for ${first} ${last}.`);
      await expect(
        page.getByRole('table').getByRole('row', { name: new RegExp(what) }),
      ).toHaveCount(1);
    }

    // The backend re-scored them in the same write; the profile shows the new score and reasons.
    const after = await ask<StudentRisk>('studentRisk', { studentId: student.studentId });
    // The demo's first model (a forest) need not raise every student's score for incidents, so
    // the journey checks that the score and its words moved, not which way.
    expect(after.score).not.toBe(before.score);
    await openProfile();
    const risk = page.getByRole('region', { name: 'Risk' });
    await expect(risk).toContainText(said(after));
    // The new score joins the risk history, table and chart.
    await expect(risk.getByRole('table').getByRole('row').last()).toContainText(
      pct(after.score ?? -1),
    );
    await expect(page.getByRole('region', { name: 'Incidents' })).toContainText(
      'Vandalised a door',
    );
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('incident-risk.png'), fullPage: true });
  });
});
