import { scoreDemoSchool } from '../support/scored-school';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../fixtures';
import { openScreen } from '../support/open-admin-screen';

test.describe('the models screen', () => {
  test.setTimeout(240_000);

  test('retrains with progress, then rolls back to the other version', async ({
    page,
    backend,
  }, testInfo) => {
    await scoreDemoSchool(backend);
    // The app's backend runs jobs in the background; this one must too.
    backend.jobs.start();
    await page.reload();
    await openScreen(page, 'Models');
    await expect(page.getByRole('heading', { level: 2, name: 'Live model' })).toBeVisible();
    const versions = page.getByRole('table', { name: 'Model versions, newest first' });
    await expect(versions.getByRole('row')).toHaveCount(2);
    await expect(
      page.getByRole('table', { name: 'Calibration on students the model never saw' }),
    ).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Retrain now' }).click();
    const progress = page.getByRole('progressbar');
    await expect(progress).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('models-retraining.png') });
    await expect(page.getByText('Retraining finished.')).toBeVisible({ timeout: 200_000 });
    await expect(versions.getByRole('row')).toHaveCount(3);

    // Whichever version is not live now is made live, with a reason kept in the history.
    const notLive = versions
      .getByRole('row')
      .filter({ hasNot: page.getByText('Live', { exact: true }) })
      .nth(1);
    const when = await notLive.getByRole('rowheader').textContent();
    await notLive
      .getByRole('button', { name: /Roll back to this version|Make this version live/ })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Why (kept in the model history)').fill('Rolled back in the e2e test');
    await dialog.getByRole('button', { name: 'Make it live' }).click();
    await expect(dialog).toHaveCount(0);
    const nowLive = versions.getByRole('row').filter({ hasText: when ?? 'none' });
    await expect(nowLive.getByText('Live', { exact: true })).toBeVisible();
    const history = page.getByRole('table', { name: 'Live history, newest first' });
    await expect(history.getByRole('row').nth(1)).toContainText('Rolled back in the e2e test');
    await page.screenshot({ path: testInfo.outputPath('models-rolled-back.png'), fullPage: true });

    // A retraining cancelled at once changes nothing live.
    await page.getByRole('button', { name: 'Retrain now' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(
      page.getByText('Retraining was cancelled. The live model did not change.'),
    ).toBeVisible({
      timeout: 60_000,
    });
    await expect(versions.getByRole('row')).toHaveCount(3);
    await expect(nowLive.getByText('Live', { exact: true })).toBeVisible();
  });
});
