import { expect, type Page } from '@playwright/test';

/**
 * Opens one of the administration screens the way a person does: Administration in the main
 * navigation, then the screen's link; waits until its heading has focus.
 */
export async function openAdminScreen(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Administration' })
    .click();
  await page
    .getByRole('list', { name: 'Administration screens' })
    .getByRole('link', { name: title, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
}
