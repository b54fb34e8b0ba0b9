import { describe, expect, it } from 'vitest';
import { addClass, addStudents, ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import {
  centralSnapshot,
  centralWithSchool,
  connectedLaptop,
  joiningLaptop,
  snapshot,
  type Laptop,
} from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

/*
 * Two laptops of one school that make the same natural key offline: a calendar date (a row
 * nothing points at). Both laptops and the server end with one row, the same everywhere, and
 * the other version is a conflict a head teacher sees.
 */

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

async function world() {
  const url = await newDatabase();
  const file = await centralWithSchool(url, tempDir());
  const a = await connectedLaptop(tempDir(), file);
  after(() => a.backend.close());
  const students = await addStudents(a.api, ['Ana Silva', 'Bruno Costa']);
  const classId = await addClass(a.api, '7A', students);
  await a.sync();
  const b = await joiningLaptop(tempDir(), file);
  after(() => b.backend.close());
  await b.sync();
  return { url, a, b, students, classId };
}

/** Both laptops and the server hold the same rows in every synced table. */
async function expectConverged(url: string, a: Laptop, b: Laptop) {
  const onA = await snapshot(url, a);
  expect(await snapshot(url, b)).toEqual(onA);
  expect(await centralSnapshot(url, a)).toEqual(onA);
  return onA;
}

describe('two laptops making the same natural key offline', () => {
  it('one calendar date set on both converges, the older a conflict', async () => {
    const { url, a, b } = await world();
    // B's change is the newer (its clock is read after A's) and is pushed second: the server
    // removes A's row (the school's role may delete calendar rows for this, migration 0050).
    ok(await a.api.setCalendarDays({ from: '2025-12-22', to: '2025-12-22', kind: 'holiday' }));
    ok(
      await b.api.setCalendarDays({
        from: '2025-12-22',
        to: '2025-12-22',
        kind: 'closure',
        note: 'Flooded road',
      }),
    );
    await a.sync();
    await b.sync();
    await a.sync();
    const rows = await expectConverged(url, a, b);
    expect(
      (rows.school_calendar as { date: string }[]).filter((r) => r.date === '2025-12-22'),
    ).toEqual([expect.objectContaining({ kind: 'closure', note: 'Flooded road' })]);
    for (const l of [a, b]) {
      const conflicts = ok(await l.api.listConflicts({}));
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        table: 'school_calendar',
        lostRow: { date: '2025-12-22', kind: 'holiday' },
        currentRow: { kind: 'closure' },
      });
    }
    // A third round changes nothing anywhere.
    const seq = await asAdmin(url, (c) => c.query('SELECT last_value FROM server_seq'));
    expect(await a.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    expect(await b.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    expect(await asAdmin(url, (c) => c.query('SELECT last_value FROM server_seq'))).toEqual(seq);
  });
});
