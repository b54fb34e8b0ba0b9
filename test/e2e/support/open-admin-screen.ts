import { expect, type Page } from '@playwright/test';

/** The header's menu of the screens used less often: Administration, or More for a teacher. */
export async function openNavMenu(page: Page, label = /^(Administration|More)$/) {
  // The header's navigation, whatever the language calls it.
  const nav = page.getByRole('banner').getByRole('navigation');
  const button = nav.getByRole('button', { name: label });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const list = nav.getByRole('list', { name: label });
  await expect(list).toBeVisible();
  return list;
}

/**
 * Opens a screen the way a person does: its link in the main navigation when it has one, else
 * the header's menu, then the link; waits until its heading has focus.
 */
export async function openScreen(page: Page, title: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const direct = nav.getByRole('link', { name: title, exact: true });
  if (await direct.isVisible()) await direct.click();
  else {
    const menu = await openNavMenu(page);
    await menu.getByRole('link', { name: title, exact: true }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
}

/** Opens one of the administration screens from the header's Administration menu. */
export async function openAdminScreen(page: Page, title: string): Promise<void> {
  const menu = await openNavMenu(page, /^Administration$/);
  await menu.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
}
