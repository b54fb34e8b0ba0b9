import i18next, { type TFunction } from 'i18next';
import type { RiskList } from '../../../contract';
import { scoreWords } from '../../../main/backend/scoring/risk-words';
import { systemConnection } from '../../../main/backend/transport/in-process';
import { namespaces, resources } from '../../../renderer/src/i18n/resources';
import { tierQualityWords } from '../../../renderer/src/risk/score-words';
import { scoreDemoSchool } from '../support/scored-school';
import { pdfText } from '../support/pdf-text';
import { expectAccessible } from '../support/axe';
import { expect, firstAdmin, test } from '../fixtures';

/** The renderer's English words, to say what the page must show for the backend's numbers. */
const i18n = i18next.createInstance();
let englishRisk: TFunction<'risk'>;
test.beforeAll(async () => {
  await i18n.init({ lng: 'en', resources, ns: namespaces, interpolation: { escapeValue: false } });
  englishRisk = i18n.getFixedT('en', 'risk') as TFunction<'risk'>;
});

test.describe('the at-risk list', () => {
  // A scored school takes a minute to make; the machine may be shared.
  test.setTimeout(240_000);
  // Reading and drawing the whole list (every row, and again for paper) takes several seconds
  // on a loaded machine, past expect's default of 5: the waits on a list (re)load allow more.
  const listLoad = { timeout: 20_000 };

  test('lists every scored student, says how often each tier was right, filters by tier and class, and prints to PDF', async ({
    page,
    backend,
  }, testInfo) => {
    const versionId = await scoreDemoSchool(backend);
    const answer = await backend.dispatch('riskList', { limit: 1 }, systemConnection());
    const total = answer.ok ? (answer.value as { total: number }).total : -1;
    expect(total).toBeGreaterThan(50);
    await page.reload();
    await expect(
      page.getByRole('heading', { level: 2, name: 'Students by risk tier' }),
    ).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'At risk' }).click();
    const table = page.getByRole('table', { name: 'Scored students, highest risk first' });
    await expect(table).toBeVisible(listLoad);
    // Every scored student, not a top 50: the table holds them all (a heading row, then one each).
    await expect(page.getByRole('status').filter({ hasText: 'students match' })).toHaveText(
      `${total} students match.`,
    );
    await expect(table.getByRole('row')).toHaveCount(total + 1);
    // What a percentage means, said the backend's way (the same words as its scoreText).
    await expect(page.getByText('A risk reads as a share of past students')).toHaveText(
      `A risk reads as a share of past students: 6% means ${scoreWords(0.06, 12)}.`,
    );
    // Each tier's precision and recall on the held-out students, in words, from the live model.
    const list = answer.ok ? (answer.value as RiskList) : null;
    expect(list?.horizonMonths).toBe(12);
    const tiers = list?.model?.tiers;
    if (!tiers) throw new Error('the trained model recorded no tier figures');
    const figures = page.getByRole('region', { name: 'How often the tiers were right' });
    await expect(figures).toContainText(
      'Checked on past students the model did not learn from, whose outcome the school knows.',
    );
    for (const tier of ['high', 'medium'] as const) {
      const said = figures.getByRole('definition').nth(tier === 'high' ? 0 : 1);
      await expect(figures.getByRole('term').nth(tier === 'high' ? 0 : 1)).toHaveText(
        tier === 'high' ? 'High risk' : 'Medium risk',
      );
      await expect(said).toHaveText(tierQualityWords(englishRisk, tiers[tier], 12).join(' '));
      const { students, precision, recall } = tiers[tier];
      if (students > 0 && precision !== null) {
        await expect(said).toContainText(
          `${students} past ${students === 1 ? 'student was' : 'students were'} placed here.`,
        );
        await expect(said).toContainText('left school within a year (precision).');
      }
      if (recall !== null) await expect(said).toContainText('(recall).');
    }
    await page.screenshot({ path: testInfo.outputPath('at-risk.png'), fullPage: true });

    // Keyboard: tab to the first student's name and open their profile route.
    const first = table.getByRole('row').nth(1);
    await expect(first.getByRole('cell').nth(3)).toHaveText(/^(High|Medium|Low) risk$/);
    await expect(first.getByRole('cell').nth(5)).toContainText('(school median');
    const link = first.getByRole('link');
    await link.focus();
    await expect(link).toBeFocused();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^#\/students\/[0-9a-f-]{36}$/);

    // Filter to a tier that holds some students but not all: the table follows the backend.
    const counts: Record<string, number> = {};
    for (const tier of ['high', 'medium', 'low'] as const) {
      const a = await backend.dispatch('riskList', { tier, limit: 1 }, systemConnection());
      counts[tier] = a.ok ? (a.value as { total: number }).total : -1;
    }
    const [tier, inTier] = Object.entries(counts).find(([, n]) => n > 0 && n < total) ?? ['', 0];
    const word = `${tier.charAt(0).toUpperCase()}${tier.slice(1)} risk`;
    await page.getByLabel('Risk tier').selectOption(tier);
    await expect(page).toHaveURL(new RegExp(`#/risk\\?tier=${tier}$`));
    await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText(
      `${inTier} ${inTier === 1 ? 'student matches' : 'students match'}.`,
      listLoad,
    );
    await expect(table.getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText(word);
    await expectAccessible(page);

    // The printed list: the school, the date, the model version and the students.
    await page.getByLabel('Risk tier').selectOption('');
    await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText(
      `${total} students match.`,
      listLoad,
    );
    const names = await table.getByRole('row').nth(1).getByRole('link').textContent();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    await page.emulateMedia({ media: 'screen' });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Students at risk of dropping out');
    expect(text).toContain(firstAdmin.schoolName);
    expect(text).toContain(versionId.slice(0, 8));
    expect(text).toMatch(/printed [A-Z][a-z]+ \d{1,2}, \d{4}/);
    expect(text).toContain('Class: All classes · tier: All tiers');
    expect(text).toContain(names ?? 'no name');
    expect(text).toContain('How often the tiers were right');
    expect(text).toContain(tierQualityWords(englishRisk, tiers.high, 12).join(' '));
    expect(text).not.toContain('Sign out');
    await testInfo.attach('at-risk.pdf', {
      body: Buffer.from(pdf),
      contentType: 'application/pdf',
    });

    // Save as PDF, beside Print, by keyboard: only the app can write the file (Electron's
    // printToPDF); in a browser the backend says so and points to Print.
    const savePdf = page.getByRole('button', { name: 'Save as PDF' });
    await savePdf.focus();
    await page.keyboard.press('Enter');
    const refusal = page.getByRole('alert');
    await expect(refusal).toContainText('The PDF was not saved');
    await expect(refusal).toContainText('This works only in the Beacon app.');
    await expect(refusal).toContainText('Use Print instead');
    await expect(savePdf).toBeEnabled();

    // A model trained before tiers were measured on held-out students says so plainly.
    backend.context.db
      .prepare(
        `UPDATE model_versions SET metrics = json_remove(metrics, '$.heldOut.tiers')
                WHERE id = ?`,
      )
      .run(versionId);
    await page.reload();
    await expect(table).toBeVisible(listLoad);
    await expect(figures).toHaveText(
      'How often the tiers were right' +
        'This model kept no figures on past students it did not learn from, so Beacon cannot say how often its tiers are right. The next training records them.',
    );
    await expect(figures.getByRole('definition')).toHaveCount(0);
  });
});
