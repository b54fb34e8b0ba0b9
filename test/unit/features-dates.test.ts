import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  countsAsSchoolDay,
  dayCode,
  unpackCalendar,
} from '../../main/backend/features/calendar';
import { addDays, ageOn, schoolYearStartOf } from '../../main/backend/features/dates';
import { parseExpectedAgeOffset } from '../../main/backend/features/school-inputs';
import {
  dateOfEpochDay,
  decodeAttendance,
  epochDay,
  packAttendance,
  unpackAttendance,
} from '../../main/backend/features/packed-attendance';

describe('feature date arithmetic', () => {
  it('numbers days like the JavaScript Date does, and back', () => {
    for (let d = '1899-12-25'; d < '2101-01-10'; d = addDays(d, 37)) {
      const n = epochDay(d);
      expect(n).toBe(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
      expect(dateOfEpochDay(n)).toBe(d);
    }
    expect(epochDay('2024-02-29') - epochDay('2024-02-28')).toBe(1);
    expect(epochDay('2025-03-01') - epochDay('2025-02-28')).toBe(1);
  });

  it('counts age in whole years', () => {
    expect(ageOn('2010-10-01', '2025-09-30')).toBe(14);
    expect(ageOn('2010-10-01', '2025-10-01')).toBe(15);
    expect(ageOn('2012-02-29', '2025-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-03-01')).toBe(13);
  });

  it('finds the school year a date falls in', () => {
    expect(schoolYearStartOf('2025-08-31', 9)).toBe('2024-09-01');
    expect(schoolYearStartOf('2025-09-01', 9)).toBe('2025-09-01');
    expect(schoolYearStartOf('2026-01-15', 1)).toBe('2026-01-01');
  });
});

describe('packed rows', () => {
  it('packs attendance in date order and unpacks it', () => {
    const rows = [
      { date: '2025-09-03', status: 'late' as const },
      { date: '2025-09-01', status: 'present' as const },
      { date: '2025-09-02', status: 'excused' as const },
      { date: '2025-09-04', status: 'absent' as const },
    ];
    const packed = packAttendance(rows);
    const day = (date: string) => String.fromCharCode(epochDay(date));
    expect(packed).toBe(
      `${day('2025-09-01')}p${day('2025-09-02')}e${day('2025-09-03')}l${day('2025-09-04')}a`,
    );
    expect(unpackAttendance(packed)).toEqual([...rows].sort((a, b) => (a.date < b.date ? -1 : 1)));
    const decoded = decodeAttendance(`${day('2025-09-03')}l${day('2025-09-01')}p`);
    expect([...decoded.days]).toEqual([epochDay('2025-09-01'), epochDay('2025-09-03')]);
    expect(String.fromCharCode(...decoded.statuses)).toBe('pl');
  });

  it('builds the same calendar from rows and from its packed form', () => {
    const rows = [
      { date: '2025-09-02', kind: 'school_day' },
      { date: '2025-09-01', kind: 'school_day' },
      { date: '2025-09-03', kind: 'holiday' },
      { date: '2025-09-04', kind: 'closure' },
    ];
    const packed = rows.map((r) => r.date + r.kind[0]).join('');
    const a = buildCalendar(rows);
    const b = unpackCalendar(packed);
    expect([...a.dayNumbers]).toEqual([epochDay('2025-09-01'), epochDay('2025-09-02')]);
    expect([...b.dayNumbers]).toEqual([...a.dayNumbers]);
    expect([...b.offDays].sort()).toEqual([...a.offDays].sort());
    expect(a.dayIndex.get(epochDay('2025-09-02'))).toBe(1);
  });

  it("looks a day up in the calendar's table as in its lists, inside the table and out", () => {
    const rows = [
      { date: '2025-09-08', kind: 'school_day' },
      { date: '2025-09-01', kind: 'school_day' },
      { date: '2025-09-03', kind: 'holiday' },
      { date: '2025-09-05', kind: 'school_day' },
      { date: '2025-09-20', kind: 'closure' },
    ];
    const listed = buildCalendar(rows);
    const unlisted = buildCalendar(rows.filter((r) => r.kind !== 'school_day'));
    const first = epochDay('2025-08-20');
    for (let day = first; day < first + 45; day++) {
      // With school days listed: a listed day's position, every other day -1.
      expect(dayCode(listed, day)).toBe(listed.dayIndex.get(day) ?? -1);
      expect(countsAsSchoolDay(listed, day)).toBe(listed.dayIndex.has(day));
      // With none listed: every day counts but those listed off.
      expect(dayCode(unlisted, day)).toBe(unlisted.offDays.has(day) ? -1 : 0);
    }
    expect(dayCode(listed, epochDay('2025-09-05'))).toBe(1);
    expect(dayCode(unlisted, epochDay('2025-09-20'))).toBe(-1);
    // No calendar at all: every day counts.
    expect(dayCode(buildCalendar([]), first)).toBe(0);
  });
});

describe('the expected-age setting', () => {
  it('takes a whole number of years from 0 to 20, and otherwise the default of 6', () => {
    expect(parseExpectedAgeOffset(undefined)).toBe(6);
    expect(parseExpectedAgeOffset('7')).toBe(7);
    expect(parseExpectedAgeOffset('0')).toBe(0);
    for (const bad of ['6.5', '-1', '21', '"7"', 'null', 'not json']) {
      expect(parseExpectedAgeOffset(bad)).toBe(6);
    }
  });
});
