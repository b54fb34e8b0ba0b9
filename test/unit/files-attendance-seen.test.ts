import { describe, expect, it } from 'vitest';
import { AttendanceSeen } from '../../main/backend/import/kinds/attendance-seen';

describe('the (student, day) pairs an attendance file has named', () => {
  it.each([
    ['through many growths of its table', 0],
    ['sized for the file up front', 140_000],
    ['sized too small for the file', 1_000],
  ])('answers the first row of a pair named again, %s', (_how, expected) => {
    const seen = new AttendanceSeen(expected);
    const students = Array.from({ length: 700 }, (_, i) => `student-${i}`);
    const days = Array.from({ length: 200 }, (_, i) =>
      new Date(Date.UTC(2025, 8, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    let row = 2;
    let named = 0;
    for (const d of days) for (const s of students) if (seen.claim(s, d, row++) !== null) named++;
    expect(named).toBe(0);
    expect(seen.claim('student-0', days[0] as string, row)).toBe(2);
    expect(seen.claim('student-699', days[199] as string, row)).toBe(row - 1);
    expect(seen.claim('student-5', days[3] as string, row)).toBe(2 + 3 * 700 + 5);
    expect(seen.claim('student-700', days[0] as string, row)).toBeNull();
    expect(seen.claim('student-0', '1900-01-01', row + 1)).toBeNull();
    expect(seen.claim('student-0', '1900-01-01', row + 2)).toBe(row + 1);
  });
});
