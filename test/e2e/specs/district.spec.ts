import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { startBackend } from '../../../main/backend/backend';
import { groupRoles } from '../../../main/backend/central/role-names';
import { fileSecretStore } from '../../../main/backend/secrets/file-secret-store';
import { expectAccessible } from '../support/axe';
import { districtWorld, type DistrictWorld } from '../support/district-world';
import { openAdminScreen } from '../support/open-admin-screen';
import { pdfText } from '../support/pdf-text';
import { expect, test as base } from '../fixtures';

/** The app's secrets in the test's own folder (the district password), not the user's. */
const test = base.extend<{ world: DistrictWorld }>({
  backend: async ({ dbPath }, use) => {
    const backend = await startBackend({
      dbPath,
      secrets: fileSecretStore(join(dirname(dbPath), 'secrets')),
    });
    await use(backend);
    backend.close();
  },
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-e2e-district-'));
    const world = await districtWorld(dir);
    await use(world);
    await world.drop();
    rmSync(dir, { recursive: true, force: true });
  },
});

const monthName = (yyyyMm: string) =>
  new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric' }).format(
    new Date(`${yyyyMm}-15T12:00:00`),
  );

test.describe('the District screen', () => {
  // A central database is made and migrated for the test; the machine may be shared.
  test.setTimeout(180_000);

  test('connects as a district admin and shows, sorts, exports and prints the schools side by side', async ({
    page,
    world,
  }, testInfo) => {
    await openAdminScreen(page, 'District');
    await expect(page.getByRole('heading', { name: 'No district connection' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
    await expectAccessible(page);

    const form = page.getByRole('form', { name: 'Connect as a district admin' });
    await form.getByLabel(/^Connection file/).setInputFiles({
      name: 'maria.beacon-connection',
      mimeType: 'application/json',
      buffer: Buffer.from(world.admin.text),
    });
    await form.getByRole('textbox', { name: /Enrolment code/ }).fill(world.admin.code);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByText(`as ${world.admin.role}.`)).toBeVisible({ timeout: 30_000 });

    const table = page.getByRole('table', { name: 'Schools side by side' });
    await expect(table).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/: 3 schools\.$/)).toBeVisible();
    const [, second] = world.months;
    const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
    await expect(rowOf('Escola do Vale').getByRole('cell')).toHaveText([
      'Escola do Vale (VALE)',
      '4',
      '1',
      '1',
      '1',
      '1',
      '25% (1 of 4)',
      '1',
      '1',
      '1',
      '1',
      `Down 15 points in ${monthName(second)}`,
    ]);
    await expect(rowOf('Escola do Norte').getByRole('cell')).toHaveText([
      'Escola do Norte (NORTE)',
      '2',
      '0',
      '0',
      '2',
      '0',
      '0% (0 of 2)',
      '0',
      '0',
      '0',
      '0',
      `Steady in ${monthName(second)}`,
    ]);
    await expect(rowOf('Escola do Sul').getByRole('cell')).toHaveText([
      'Escola do Sul (SUL)',
      '3',
      '2',
      '1',
      '0',
      '0',
      '33.3% (1 of 3)',
      '1',
      '0',
      '0',
      '0',
      `Down 13.3 points in ${monthName(second)}`,
    ]);
    // Tiers are headed by their words, not told by colour.
    await expect(table.getByRole('columnheader', { name: 'High risk' })).toBeVisible();

    // Sorted by chronic absence: highest first (numbers sort that way first), then lowest first.
    const firstCells = () => table.getByRole('row').locator('td:first-child, th:first-child');
    await table.getByRole('button', { name: 'Chronic absence' }).click();
    await expect(firstCells()).toHaveText([
      /School/,
      'Escola do Sul (SUL)',
      'Escola do Vale (VALE)',
      'Escola do Norte (NORTE)',
    ]);
    await table.getByRole('button', { name: 'Chronic absence' }).click();
    await expect(firstCells().nth(1)).toHaveText('Escola do Norte (NORTE)');

    // The months behind the trend, and the probable transfer.
    const months = page.getByRole('table', { name: /^Attendance by month/ });
    await expect(months.getByRole('row').filter({ hasText: 'Escola do Vale' })).toContainText(
      ['90%', '75%'].join(''),
    );
    await expect(
      page.getByText(
        /^Dropped out at Escola do Vale \(VALE\) \(.+\), enrolled at Escola do Norte \(NORTE\) since .+\.$/,
      ),
    ).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('district.png'), fullPage: true });
    await testInfo.attach('district.png', {
      path: testInfo.outputPath('district.png'),
      contentType: 'image/png',
    });

    // CSV: the command line's columns, one row per school.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^beacon-district-report-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(await readFile(await download.path(), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => r.school_code)).toEqual(['NORTE', 'SUL', 'VALE']);
    expect(rows.find((r) => r.school_code === 'VALE')).toMatchObject({
      school_name: 'Escola do Vale',
      students: '4',
      tier_high: '1',
      unscored: '1',
      chronic_absence_pct: '25.0',
      interventions_open: '1',
      interventions_overdue: '1',
      interventions_done: '1',
      probable_transfers_out: '1',
      attendance_change_pts: '-15.0',
      [`attendance_pct_${second}`]: '75.0',
    });

    // Printed: the report and its date, without the app's chrome or the connection form.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: false });
    await page.emulateMedia({ media: 'screen' });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('District report as of');
    expect(text).toContain('Escola do Sul (SUL)');
    expect(text).toContain('33.3% (1 of 3)');
    expect(text).toContain(`Down 15 points in ${monthName(second)}`);
    expect(text).not.toContain('Forget this connection');
    expect(text).not.toContain('Sign out');
    await testInfo.attach('district.pdf', {
      body: Buffer.from(pdf),
      contentType: 'application/pdf',
    });

    // An account that lost the district role is told so in words, with nothing shown.
    const admin = new pg.Client({ connectionString: world.url });
    await admin.connect();
    const { district } = groupRoles(new URL(world.url).pathname.slice(1));
    await admin.query(`REVOKE ${district} FROM ${world.admin.role}`);
    await admin.end();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('alert')).toContainText('is not a district admin');
    await expect(page.getByRole('table', { name: 'Schools side by side' })).toHaveCount(0);
  });
});
