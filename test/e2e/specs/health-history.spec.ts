import { expect, test } from '../fixtures';
import AxeBuilder from '@axe-core/playwright';
import { openScreen } from '../support/open-admin-screen';

test('the health page shows each figure over time with its threshold', async ({
  page,
  backend,
}) => {
  await openScreen(page, 'Health');
  const history = page.getByRole('region', { name: 'Over time' });
  await expect(history.getByRole('listitem')).toHaveCount(9);
  const figure = (name: string) => history.getByRole('listitem').filter({ hasText: name });

  await expect(figure('Database size')).toContainText(/Now: \d+ MB · Fine/);
  await expect(figure('Free disk space')).toContainText('attention below 1 GB');
  await expect(figure('Training time')).toContainText('Not measured yet');
  await expect(figure('Training time')).toContainText('attention above 30 min');
  await expect(figure('Live model quality (AUC)')).toContainText('attention below 0.8');
  await expect(figure('Time since the last backup')).toContainText('Not measured yet');

  // A slow training is stored as it ends; the page shows it past its threshold.
  backend.context.health.recordTraining(45 * 60_000);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(figure('Training time')).toContainText('Now: 45 min · Needs attention');
  await expect(figure('Training time')).toHaveAttribute('data-status', 'warn');
  await expect(figure('Training time').locator('svg')).toHaveCount(1);
  // This section's own markup (the shell around it is checked by the app's specs).
  const axe = await new AxeBuilder({ page }).include('.health-history').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );
});
