import { writeSyncState } from '../../../main/backend/sync/sync-state';
import { expectAccessible } from '../support/axe';
import { openAdminScreen } from '../support/open-admin-screen';
import { expect, test } from '../fixtures';

test('the sync screen says when a laptop is not connected, then shows a connected one', async ({
  page,
  backend,
}, testInfo) => {
  await openAdminScreen(page, 'Sync');
  await expect(page.getByRole('heading', { name: 'Not connected' })).toBeVisible();
  await expect(page.getByText(/changes? waits? to be sent/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);

  // Connecting: what is missing is named before anything is sent; a bad file is refused.
  const form = page.getByRole('form', { name: 'Connect this laptop' });
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(form.getByLabel(/^Connection file/)).toHaveAccessibleDescription(
    'Choose the connection file.',
  );
  await expect(form.getByRole('textbox', { name: /Enrolment code/ })).toHaveAccessibleDescription(
    /at least 4 characters/,
  );
  await form.getByLabel(/^Connection file/).setInputFiles({
    name: 'district.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something else"}'),
  });
  await form.getByRole('textbox', { name: /Enrolment code/ }).fill('ABCD-1234');
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(form.getByRole('alert')).toContainText('The laptop was not connected');
  await expect(page.getByRole('heading', { name: 'Not connected' })).toBeVisible();

  // A connected laptop whose last sync failed (the server is not reachable here).
  const db = backend.context.db;
  const { id: schoolId } = db.prepare('SELECT id FROM schools').get() as { id: string };
  writeSyncState(db, schoolId, 'connection', {
    host: '127.0.0.1',
    port: 1,
    database: 'beacon_central',
    role: 'school_hill',
    schoolCode: 'HILL-01',
    sslmode: 'disable',
  });
  writeSyncState(db, schoolId, 'last_error', {
    code: 'CENTRAL_UNREACHABLE',
    message: 'connect ECONNREFUSED 127.0.0.1:1',
    at: '2026-12-01T09:30:00.000Z',
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText('Connected to 127.0.0.1 as school HILL-01.')).toBeVisible();
  await expect(page.getByText('No sync has succeeded yet.')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('The last sync failed');
  await expect(page.getByRole('alert')).toContainText('ECONNREFUSED');

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(() => db.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'sync'").get())
    .toEqual({ n: 1 });

  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('sync.png'), fullPage: true });
});
