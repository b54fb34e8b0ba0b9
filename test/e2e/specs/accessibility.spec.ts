import { expectAccessible } from '../support/axe';
import { expect, test } from '../fixtures';

test.describe('before sign-in', () => {
  test.use({ signedIn: false });

  test('the first-run page passes axe in both of its forms', async ({ page }) => {
    await expectAccessible(page);
    await page.getByRole('radio', { name: 'Explore Beacon with a demo school' }).check();
    await expectAccessible(page);
  });
});

test('every page of the signed-in shell passes axe', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = await nav.getByRole('link').allTextContents();
  expect(links.length).toBeGreaterThan(2);
  for (const name of links) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectAccessible(page);
  }
});

test('the skip link is the first stop and lands on the page', async ({ page }) => {
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
