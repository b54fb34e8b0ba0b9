import type { Page } from '@playwright/test';
import { systemConnection } from '../../../main/backend/transport/in-process';
import { expect, test } from '../fixtures';

/**
 * Chooses the demo school on the first-run page and sends its form; answers when it was sent
 * (performance.now()), where the first run's time starts.
 */
async function startDemo(page: Page): Promise<number> {
  await page.getByRole('radio', { name: 'Explore Beacon with a demo school' }).check();
  await expect(page.getByRole('form', { name: 'Set up your school' })).toHaveCount(0);
  const form = page.getByRole('form', { name: 'Explore Beacon with a demo school' });
  await form.getByRole('textbox', { name: 'Your name' }).fill('Dana Demo');
  await form.getByRole('textbox', { name: 'Username' }).fill('dana');
  await form.getByLabel(/^Password/).fill('demo password 1');
  await form.getByLabel('Confirm password').fill('demo password 1');
  await form.getByRole('radio', { name: 'Small (300 students)' }).check();
  const sent = performance.now();
  await form.getByRole('button', { name: 'Load the demo school' }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Loading the demo school' });
  // The request hashes the new password first: seconds on a loaded machine.
  await expect(heading).toBeFocused({ timeout: 30_000 });
  return sent;
}

test.describe('the demo school', () => {
  test.use({ signedIn: false });
  // Writing three years of a 300-student school and training on it takes a while.
  test.setTimeout(180_000);

  test('a new user loads it from the first-run screen and sees who is at risk', async ({
    page,
    backend,
  }, testInfo) => {
    // The app's backend runs jobs in the background; this one must too. (Electron's own does.)
    if (process.env.BEACON_E2E_TARGET !== 'electron') backend.jobs.start();

    const sent = await startDemo(page);
    await expect(page).toHaveTitle('Loading the demo school · Beacon');
    // The step and its detail in plain words (the writing may already be over: both steps count).
    await expect(page.getByRole('progressbar', { name: /^Step [12] of 2: / })).toBeVisible();
    await expect(page.locator('.progress-detail')).toHaveText(
      /^(Saving the school's records: up to .+|Reading the school's history.*|Preparing the training|Training the risk model.*|Comparing the candidates|Training the chosen model on the whole history|Checking the new model on students it never saw|Scoring every student|Saving the new model|Saving every student’s new score|)$/,
    );

    // Signed in at the home page once the school is written and its model trained.
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible({
      timeout: 150_000,
    });
    await expect(page.getByRole('banner')).toContainText('Dana Demo (Administrator)');
    await expect(page.getByRole('main')).toContainText('Riverside Demo Secondary');
    await expect(
      page.getByRole('heading', { level: 2, name: 'Students by risk tier' }),
    ).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('demo-home.png'), fullPage: true });

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'At risk' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'At risk' })).toBeFocused();
    const main = page.getByRole('main');
    await expect(main).toContainText(/Scores from the .+ model trained on .+\./);
    const table = main.getByRole('table', { name: 'Scored students, highest risk first' });
    const top = table.getByRole('row').nth(1);
    await expect(top.getByRole('cell').nth(1)).toHaveText(/^D\d+$/);
    await expect(top.getByRole('cell').nth(3)).toHaveText(/^(High|Medium|Low) risk$/);
    await expect(top.getByRole('cell').nth(4)).toHaveText(/^\d+%$/);
    await expect(top.getByRole('cell').nth(5)).toContainText('(school median');
    // The first run's time, from sending the form to the at-risk list: printed and attached to
    // the report, never asserted (benchmarks hold the targets: `npm run bench -- --only demo`).
    const seconds = ((performance.now() - sent) / 1000).toFixed(1);
    testInfo.annotations.push({
      type: 'first-run time',
      description: `${seconds} s from "Load the demo school" (300 students) to the at-risk list`,
    });
    console.log(`First run: ${seconds} s from "Load the demo school" to the at-risk list`);
    await page.screenshot({ path: testInfo.outputPath('demo-at-risk.png') });
  });

  test('shows why the load failed, and lets the administrator go on', async ({ page, backend }) => {
    test.skip(
      process.env.BEACON_E2E_TARGET === 'electron',
      "needs to add a student before the job runs, and the app's backend runs it at once",
    );
    await startDemo(page);
    // Someone adds a student before the job runs: the demo school refuses to mix with them.
    const system = systemConnection();
    const student = { studentNumber: 'S1', firstName: 'Ana', lastName: 'Silva' };
    expect(await backend.dispatch('createStudent', student, system)).toMatchObject({ ok: true });
    if (process.env.BEACON_E2E_TARGET !== 'electron') backend.jobs.start();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The demo school did not finish loading');
    await expect(alert).toContainText(
      'This database already holds 1 student; the demo school only loads into an empty one.',
    );
    await page.getByRole('button', { name: 'Continue to Beacon' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Dana Demo (Administrator)');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'At risk' })
      .click();
    await expect(page.getByRole('main')).toContainText('No risk model has been trained yet');
  });
});
