import { describe, expect, it } from 'vitest';
import { AttendanceSeen } from '../../main/backend/import/kinds/attendance-seen';

describe('the (student, day) pairs an attendance file has named', () => {
  it('answers the first row of a pair named again, through many growths of its table', () => {
    const seen = new AttendanceSeen();
    const students = Array.from({ length: 700 }, (_, i) => `student-${i}`);
    const days = Array.from({ length: 200 }, (_, i) =>
      new Date(Date.UTC(2025, 8, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    let row = 2;
    for (const d of days) for (const s of students) expect(seen.claim(s, d, row++)).toBeNull();
    expect(seen.claim('student-0', days[0] as string, row)).toBe(2);
    expect(seen.claim('student-699', days[199] as string, row)).toBe(row - 1);
    expect(seen.claim('student-5', days[3] as string, row)).toBe(2 + 3 * 700 + 5);
    expect(seen.claim('student-700', days[0] as string, row)).toBeNull();
    expect(seen.claim('student-0', '1900-01-01', row + 1)).toBeNull();
    expect(seen.claim('student-0', '1900-01-01', row + 2)).toBe(row + 1);
  });
});
