import { describe, expect, it } from 'vitest';
import { setCalendarDays } from '../../main/backend/services/calendar';
import { countRows, ok, recordsSchool, addUser } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  return s;
}

describe('the school calendar', () => {
  it('marks the weekdays of a range, then holidays and closures over them', async () => {
    const s = await school();
    const days = ok(await s.api.listCalendar({ from: '2025-09-01', to: '2025-09-07' }));
    expect(days.map((d) => d.date)).toEqual([
      '2025-09-01',
      '2025-09-02',
      '2025-09-03',
      '2025-09-04',
      '2025-09-05',
    ]);
    const oct = ok(await s.api.listCalendar({ from: '2025-10-06', to: '2025-10-06' }));
    expect(oct).toEqual([{ date: '2025-10-06', kind: 'holiday', note: 'Republic Day' }]);

    const audit = countRows(s.db, 'audit_log');
    const outbox = countRows(s.db, 'sync_outbox');
    // A week's closure over a range already holding four school days and the holiday above...
    const closure = ok(
      await s.api.setCalendarDays({
        from: '2025-10-06',
        to: '2025-10-12',
        kind: 'closure',
        note: 'Flooding',
      }),
    );
    expect(closure).toEqual({ days: 5, changed: 5, unchanged: 0 });
    // One audit entry for the range; the five days were still queued, so each keeps one entry.
    expect(countRows(s.db, 'audit_log')).toBe(audit + 1);
    expect(countRows(s.db, 'sync_outbox')).toBe(outbox);
    // ...and the same again changes nothing.
    const again = ok(
      await s.api.setCalendarDays({
        from: '2025-10-06',
        to: '2025-10-12',
        kind: 'closure',
        note: 'Flooding',
      }),
    );
    expect(again).toEqual({ days: 5, changed: 0, unchanged: 5 });
    expect(countRows(s.db, 'audit_log')).toBe(audit + 1);

    // A Saturday make-up day, on request only.
    ok(
      await s.api.setCalendarDays({
        from: '2025-10-18',
        to: '2025-10-18',
        kind: 'school_day',
        weekdays: [6],
      }),
    );
    const week = ok(await s.api.listCalendar({ from: '2025-10-13', to: '2025-10-19' }));
    expect(week.map((d) => d.date)).toContain('2025-10-18');
    expect(week).toHaveLength(6);
  });

  it('clears dates with none, leaving tombstones that sync', async () => {
    const s = await school();
    const cleared = ok(
      await s.api.setCalendarDays({ from: '2025-12-15', to: '2025-12-19', kind: 'none' }),
    );
    expect(cleared).toEqual({ days: 5, changed: 5, unchanged: 0 });
    expect(ok(await s.api.listCalendar({ from: '2025-12-15', to: '2025-12-19' }))).toEqual([]);
    const ops = s.db
      .prepare('SELECT op FROM sync_outbox ORDER BY seq DESC LIMIT 5')
      .pluck()
      .all() as string[];
    expect(ops).toEqual(['delete', 'delete', 'delete', 'delete', 'delete']);
    // Setting them again revives the same rows rather than adding new ones.
    const rows = countRows(s.db, 'school_calendar');
    ok(await s.api.setCalendarDays({ from: '2025-12-15', to: '2025-12-19', kind: 'school_day' }));
    expect(countRows(s.db, 'school_calendar')).toBe(rows);
  });

  it('refuses backwards or overlong ranges and bad weekdays, writing nothing', async () => {
    const s = await school();
    const rows = countRows(s.db, 'school_calendar');
    const backwards = await s.api.setCalendarDays({
      from: '2025-10-10',
      to: '2025-10-01',
      kind: 'holiday',
    });
    expect(backwards).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'The range ends (2025-10-01) before it starts (2025-10-10).',
    });
    const long = await s.api.setCalendarDays({
      from: '2025-09-01',
      to: '2027-09-01',
      kind: 'school_day',
    });
    expect(!long.ok && long.message).toMatch(/longer than 366 days/);
    const weekday = await s.api.setCalendarDays({
      from: '2025-09-01',
      to: '2025-09-30',
      kind: 'school_day',
      weekdays: [0],
    });
    expect(weekday).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(() =>
      setCalendarDays(
        s.db,
        { schoolId: s.schoolId, userId: null },
        {
          from: '2025-13-01',
          to: '2025-12-01',
          kind: 'holiday',
        },
      ),
    ).toThrow(/from: is not a real calendar date/);
    expect(countRows(s.db, 'school_calendar')).toBe(rows);
  });

  it('lets teachers read the calendar but not change it', async () => {
    const s = await school();
    const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    expect(
      ok(await teacher.api.listCalendar({ from: '2025-09-01', to: '2025-09-05' })),
    ).toHaveLength(5);
    expect(
      await teacher.api.setCalendarDays({ from: '2025-09-01', to: '2025-09-05', kind: 'holiday' }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
