import type { Db } from '../../../db';
import { expectAccessible } from '../support/axe';
import { openAdminScreen } from '../support/open-admin-screen';
import { expect, test } from '../fixtures';

/** A conflict as a pull stores it: the school's name as another laptop had it, not kept. */
function seedConflict(db: Db, id: string, lostName: string, detectedAt: string): void {
  const school = db.prepare('SELECT * FROM schools').get() as Record<string, unknown>;
  db.prepare(
    `INSERT INTO sync_conflicts (id, school_id, table_name, row_id, kept_version, kept_origin,
       lost_version, lost_origin, lost_row, detected_at)
     VALUES (?, ?, 'schools', ?, 2, 'laptop-a', 2, 'laptop-b', ?, ?)`,
  ).run(id, school.id, school.id, JSON.stringify({ ...school, name: lostName }), detectedAt);
}

test('an administrator sees what differs and keeps one version or brings back the other', async ({
  page,
  backend,
}, testInfo) => {
  const db = backend.context.db;
  await openAdminScreen(page, 'Sync conflicts');
  await expect(
    page.getByRole('status').filter({ hasText: 'No conflicts to settle.' }),
  ).toBeVisible();

  seedConflict(db, 'conflict-1', 'Hillside Sec. School', '2026-12-01T08:00:00.000Z');
  seedConflict(db, 'conflict-2', 'Hillside High', '2026-12-02T08:00:00.000Z');
  await page.getByRole('checkbox', { name: 'Show settled conflicts too' }).check();
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(2);
  // Oldest first.
  const first = cards.nth(0);
  const diff = first.getByRole('table', { name: 'What differs' });
  await expect(diff.getByRole('row', { name: /^name/ })).toContainText('Hillside Secondary School');
  await expect(diff.getByRole('row', { name: /^name/ })).toContainText('Hillside Sec. School');
  await expect(diff.getByRole('row')).toHaveCount(2);

  await first.getByRole('button', { name: 'Bring back the other version' }).click();
  await expect(first.getByRole('status')).toContainText('the other version was brought back');
  expect(db.prepare('SELECT name FROM schools').get()).toEqual({ name: 'Hillside Sec. School' });

  const second = cards.nth(1);
  await expect(second.getByRole('table', { name: 'What differs' })).toContainText('Hillside High');
  await second.getByRole('button', { name: 'Keep the current version' }).click();
  await expect(second.getByRole('status')).toContainText('the current version was kept');
  expect(db.prepare('SELECT name FROM schools').get()).toEqual({ name: 'Hillside Sec. School' });
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('conflicts.png'), fullPage: true });

  // Settled conflicts leave the default list.
  await page.getByRole('checkbox', { name: 'Show settled conflicts too' }).uncheck();
  await expect(
    page.getByRole('status').filter({ hasText: 'No conflicts to settle.' }),
  ).toBeVisible();
});
