import { systemConnection } from '../../../main/backend/transport/in-process';
import { migrations } from '../../../db/migrations/index';
import { expect, firstAdmin, test } from '../fixtures';
import { openNavMenu, openScreen } from '../support/open-admin-screen';

test('the shell opens at home and navigates to the health page', async ({ page, dbPath }) => {
  await expect(page).toHaveTitle('Home · Beacon');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');

  await openScreen(page, 'Health');

  await expect(page).toHaveURL(/#\/health$/);
  // The menu closed behind the link; its button says the open screen is one of its own.
  const menuButton = nav.getByRole('button', { name: 'Administration' });
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton).toHaveClass(/current/);
  const menu = await openNavMenu(page);
  await expect(menu.getByRole('link', { name: 'Health' })).toHaveAttribute('aria-current', 'page');
  const app = page.getByRole('table', { name: 'Application' });
  const value = (name: string) => app.getByRole('row', { name, exact: false }).getByRole('cell');
  await expect(value('Schema version')).toHaveText(String(migrations.length));
  await expect(value('Database path')).toHaveText(dbPath);
  await expect(value('Journal mode')).toHaveText('wal');
  await expect(value('App version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(value('School')).toHaveText(firstAdmin.schoolName);
});

test('the health page follows data changes and refreshes on demand', async ({ page, backend }) => {
  await openScreen(page, 'Health');
  const app = page.getByRole('table', { name: 'Application' });
  const school = app.getByRole('row', { name: 'School' }).getByRole('cell');
  await expect(school).toHaveText(firstAdmin.schoolName);

  // A write through the backend pushes `dataChanged`: the page reloads by itself.
  await backend.dispatch('saveSchoolProfile', { name: 'Riverside Primary' }, systemConnection());
  await expect(school).toHaveText('Riverside Primary');

  // A change behind the backend's back emits nothing: only Refresh shows it.
  backend.context.db.prepare("UPDATE schools SET name = 'Riverside Secondary'").run();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(school).toHaveText('Riverside Secondary');
});

test('an unknown route shows a way back home', async ({ page }) => {
  await page.evaluate(() => (window.location.hash = '/nowhere'));
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible();
});
