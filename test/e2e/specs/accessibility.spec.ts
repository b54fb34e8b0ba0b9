import { expectAccessible } from '../support/axe';
import { openNavMenu } from '../support/open-admin-screen';
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
  // Every screen of the navigation and its menu, axe on each: a while on a shared machine.
  test.setTimeout(240_000);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const direct = await nav.getByRole('listitem').getByRole('link').allTextContents();
  const menu = await openNavMenu(page);
  // The menu open is a state of the page too.
  await expectAccessible(page);
  const inMenu = await menu.getByRole('link').allTextContents();
  await page.keyboard.press('Escape');
  expect(direct.length).toBeGreaterThan(2);
  expect(inMenu.length).toBeGreaterThan(2);
  for (const name of [...direct, ...inMenu]) {
    const link = inMenu.includes(name)
      ? (await openNavMenu(page)).getByRole('link', { name, exact: true })
      : nav.getByRole('link', { name, exact: true });
    await link.click();
    if (inMenu.includes(name)) {
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    } else await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectAccessible(page);
  }
});

test('the Administration menu works by keyboard and fits a 1024-pixel window', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const button = nav.getByRole('button', { name: 'Administration' });
  // One row of navigation: every item's top at the same height.
  const tops = await nav
    .locator(':scope > ul > li')
    .evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);

  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const menu = nav.getByRole('list', { name: 'Administration' });
  await page.keyboard.press('Tab');
  await expect(menu.getByRole('link', { name: 'Overview' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('admin-menu-1024.png') });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(menu.getByRole('link', { name: 'School profile' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'School profile' })).toBeFocused();
  await expect(menu).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
});

test('the skip link is the first stop and lands on the page', async ({ page }) => {
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
