import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  currentFeatures,
  featuresAsOf,
  packAttendance,
  studentAsOf,
  type AttendanceRow,
  type AttendanceStatus,
  type MarkRow,
  type SchoolCalendar,
  type SchoolInputs,
  type StudentRows,
} from '../../main/backend/features';
import { addDays } from '../../main/backend/features/dates';
import { epochDay } from '../../main/backend/features/packed-attendance';

/** Rules checked against expectations worked out by hand; see docs/features.md. */

const inputs = (
  calendar: SchoolCalendar = buildCalendar([]),
  over: Partial<SchoolInputs> = {},
) => ({
  calendar,
  schoolYearStartMonth: 9,
  expectedAgeOffset: 6,
  ...over,
});

type RowsInput = Partial<Omit<StudentRows, 'attendance'>> & { attendance?: AttendanceRow[] };
const rowsOf = (r: RowsInput = {}): StudentRows => ({
  student: { dateOfBirth: null, gradeLevel: null, entryDate: null },
  incidents: [],
  marks: [],
  enrolments: [],
  statusChanges: [],
  ...r,
  attendance: packAttendance(r.attendance ?? []),
});

const letter: Record<string, AttendanceStatus> = {
  P: 'present',
  A: 'absent',
  L: 'late',
  E: 'excused',
};
/** Records on consecutive dates from `from`, one letter (P, A, L, E) per day. */
const daily = (from: string, statuses: string): AttendanceRow[] =>
  [...statuses].map((s, i) => ({ date: addDays(from, i), status: letter[s] as AttendanceStatus }));

/** `n` weekday school days from `from`, as calendar rows. */
function weekdays(from: string, n: number): string[] {
  const days: string[] = [];
  for (let d = from; days.length < n; d = addDays(d, 1)) {
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (w !== 0 && w !== 6) days.push(d);
  }
  return days;
}
const listed = (days: string[], off: string[] = []) =>
  buildCalendar([
    ...days.map((date) => ({ date, kind: 'school_day' })),
    ...off.map((date) => ({ date, kind: 'holiday' })),
  ]);

describe('attendance rules', () => {
  it('carries an absence streak across a holiday and ignores records on it', () => {
    // Mon 1 to Fri 5 September, holiday Monday 8, school Tuesday 9 and Wednesday 10.
    const cal = listed(
      [
        '2025-09-01',
        '2025-09-02',
        '2025-09-03',
        '2025-09-04',
        '2025-09-05',
        '2025-09-09',
        '2025-09-10',
      ],
      ['2025-09-08'],
    );
    const f = currentFeatures(
      rowsOf({
        attendance: [
          { date: '2025-09-04', status: 'present' },
          { date: '2025-09-05', status: 'absent' },
          { date: '2025-09-08', status: 'present' }, // on the holiday: not counted
          { date: '2025-09-09', status: 'absent' },
          { date: '2025-09-10', status: 'absent' },
        ],
      }),
      inputs(cal),
    );
    expect(f.longestAbsenceStreak).toBe(3);
    expect(f.schoolDays).toBe(4);
    expect(f.attendanceRate).toBeCloseTo(1 / 4, 12);
    expect(f.asOf).toBe('2025-09-10');
  });

  it('counts excused days as neither attended nor absent, and they do not break a streak', () => {
    const f = currentFeatures(rowsOf({ attendance: daily('2025-09-01', 'PAEALEAP') }), inputs());
    // Attended: P, L, P = 3; absent: A, A, A = 3; excused left out.
    expect(f.attendanceRate).toBeCloseTo(3 / 6, 12);
    // A, E, A is a streak of 2; L ends it; E, A starts another of 1.
    expect(f.longestAbsenceStreak).toBe(2);
    expect(f.lateCount).toBe(1);
    expect(f.schoolDays).toBe(8);
  });

  it('gives no rate when a student was only ever excused', () => {
    const f = currentFeatures(rowsOf({ attendance: daily('2025-09-01', 'EEE') }), inputs());
    expect(f.attendanceRate).toBeNull();
    expect(f.attendanceRate30d).toBeNull();
    expect(f.attendanceTrend).toBeNull();
    expect(f.schoolDays).toBe(3);
  });

  it('without listed school days, counts every date except listed holidays and closures', () => {
    const cal = buildCalendar([{ date: '2025-09-02', kind: 'closure' }]);
    const f = currentFeatures(rowsOf({ attendance: daily('2025-09-01', 'AAA') }), inputs(cal));
    expect(f.schoolDays).toBe(2);
    expect(f.longestAbsenceStreak).toBe(2);
  });

  it('rates the last 30 school days and their trend against the 30 before', () => {
    const days = weekdays('2025-09-01', 70);
    // Days 1-10 absent (outside both windows); days 11-40: 3 absent; days 41-70: 6 absent and
    // 3 excused.
    const statuses = 'A'.repeat(10) + 'AAA' + 'P'.repeat(27) + 'AAAAAA' + 'EEE' + 'P'.repeat(21);
    const attendance = days.map((date, i) => ({
      date,
      status: letter[statuses[i] as string] as AttendanceStatus,
    }));
    const f = currentFeatures(rowsOf({ attendance }), inputs(listed(days)));
    expect(f.attendanceRate30d).toBeCloseTo(21 / 27, 12);
    expect(f.attendanceTrend).toBeCloseTo(21 / 27 - 27 / 30, 12);
    expect(f.attendanceRate).toBeCloseTo(48 / 67, 12);
    expect(f.longestAbsenceStreak).toBe(13);
  });

  it('ends the windows on the student’s own as-of date, which a later incident moves', () => {
    const days = weekdays('2025-09-01', 40);
    const attendance = days.slice(0, 35).map((date, i) => ({
      date,
      status: (i < 5 ? 'absent' : 'present') as AttendanceStatus,
    }));
    const cal = inputs(listed(days));
    const before = currentFeatures(rowsOf({ attendance }), cal);
    expect(before.asOf).toBe(days[34]);
    expect(before.attendanceRate30d).toBe(1); // days 6-35
    expect(before.attendanceTrend).toBe(1); // previous window: days 1-5, all absent
    const incident = { date: days[39] as string, severity: 1, suspensionDays: 0 };
    const after = currentFeatures(rowsOf({ attendance, incidents: [incident] }), cal);
    expect(after.asOf).toBe(days[39]);
    expect(after.attendanceRate30d).toBe(1); // days 11-40: records on 11-35, all present
    expect(after.attendanceTrend).toBe(0.5); // days 1-10: 5 absent, 5 present
  });

  it('reads packed attendance in any order', () => {
    const attendance = daily('2025-09-01', 'PAAEPLA');
    const sorted = rowsOf({ attendance });
    const shuffled = {
      ...sorted,
      attendance: [...attendance]
        .reverse()
        .map((r) => String.fromCharCode(epochDay(r.date)) + r.status[0])
        .join(''),
    };
    expect(currentFeatures(shuffled, inputs())).toEqual(currentFeatures(sorted, inputs()));
  });
});

describe('behaviour rules', () => {
  it('counts incidents by severity and suspension days over 90 days ending on the as-of date', () => {
    const f = currentFeatures(
      rowsOf({
        attendance: [{ date: '2025-12-01', status: 'present' }],
        incidents: [
          { date: '2025-09-02', severity: 3, suspensionDays: 10 }, // as-of minus 90: outside
          { date: '2025-09-03', severity: 1, suspensionDays: 0 }, // as-of minus 89: inside
          { date: '2025-11-15', severity: 2, suspensionDays: 3 },
          { date: '2025-12-01', severity: 3, suspensionDays: 5 },
        ],
      }),
      inputs(),
    );
    expect(f.asOf).toBe('2025-12-01');
    expect([f.incidentsSev1_90d, f.incidentsSev2_90d, f.incidentsSev3_90d]).toEqual([1, 1, 1]);
    expect(f.suspensionDays).toBe(8);
  });
});

const term1 = { termId: 't1', termStart: '2025-09-01', termEnd: '2025-12-19' };
const term2 = { termId: 't2', termStart: '2026-01-05', termEnd: '2026-03-27' };
const mark = (
  score: number,
  maxScore: number,
  weight: number,
  subject: string,
  term: Partial<typeof term1> = {},
): MarkRow => ({
  score,
  maxScore,
  weight,
  subject,
  date: null,
  termId: null,
  termStart: null,
  termEnd: null,
  ...term,
});

describe('course performance rules', () => {
  it('weights each mark, as a percentage of its maximum, by its assessment weight', () => {
    const f = currentFeatures(
      rowsOf({ marks: [mark(8, 10, 1, 'Maths'), mark(30, 50, 3, 'Maths')] }),
      inputs(),
    );
    // (1 x 80% + 3 x 60%) / 4 = 65%.
    expect(f.averageMark).toBeCloseTo(65, 12);
    expect(f.lastTermAverage).toBeNull();
    expect(f.markTrend).toBeNull();
    expect(f.failedSubjects).toBe(0);
  });

  it('averages the latest term, its change from the term before, and the subjects failed in it', () => {
    const marks = [
      // Latest term, listed first: order does not matter.
      mark(4, 10, 1, 'Mathematics', term2), // 40%
      mark(5, 10, 1, ' mathematics ', term2), // 50%: Mathematics averages 45%, failed
      mark(50, 100, 2, 'Language', term2), // exactly 50%: not failed
      mark(9, 20, 1, 'Science', term2), // 45%: failed
      mark(8, 10, 1, 'Mathematics', term1), // 80%
      mark(6, 10, 1, 'Language', term1), // 60%
    ];
    const f = currentFeatures(rowsOf({ marks }), inputs());
    // Term 2: (0.4 + 0.5 + 2 x 0.5 + 0.45) / 5 = 47%; term 1: 70%.
    expect(f.lastTermAverage).toBeCloseTo(47, 12);
    expect(f.markTrend).toBeCloseTo(47 - 70, 12);
    expect(f.failedSubjects).toBe(2);
    // All marks: (0.8 + 0.6 + 0.4 + 0.5 + 1.0 + 0.45) / 7.
    expect(f.averageMark).toBeCloseTo((100 * 3.75) / 7, 12);
  });
});

describe('history rules', () => {
  const dob = (
    dateOfBirth: string,
    gradeLevel: number | null = null,
    entryDate: string | null = null,
  ) => ({
    dateOfBirth,
    gradeLevel,
    entryDate,
  });
  const grade7 = [{ startDate: '2025-09-01', schoolYear: '2025-2026', gradeLevel: 7 }];

  it('measures over-age at the start of the school year against grade + 6', () => {
    // 14 on 1 September 2025 (birthday in October); expected for grade 7 is 13.
    expect(
      currentFeatures(rowsOf({ student: dob('2010-10-01'), enrolments: grade7 }), inputs())
        .overAgeYears,
    ).toBe(1);
    // 15 on 1 September 2025 (birthday that day).
    expect(
      currentFeatures(rowsOf({ student: dob('2010-09-01'), enrolments: grade7 }), inputs())
        .overAgeYears,
    ).toBe(2);
    // Expected age 14 with the setting at 7.
    expect(
      currentFeatures(
        rowsOf({ student: dob('2010-10-01'), enrolments: grade7 }),
        inputs(undefined, { expectedAgeOffset: 7 }),
      ).overAgeYears,
    ).toBe(0);
    // Younger than expected is not over age.
    expect(
      currentFeatures(rowsOf({ student: dob('2013-01-01'), enrolments: grade7 }), inputs())
        .overAgeYears,
    ).toBe(0);
    // Unknown date of birth.
    expect(currentFeatures(rowsOf({ enrolments: grade7 }), inputs()).overAgeYears).toBe(0);
  });

  it('falls back to the student’s own grade and the school year of the as-of date', () => {
    const rows = rowsOf({
      student: dob('2010-10-01', 7),
      attendance: [{ date: '2026-02-10', status: 'present' }],
    });
    expect(currentFeatures(rows, inputs()).overAgeYears).toBe(1);
  });

  it('counts a 29 February birthday on 1 March', () => {
    // School years start on 1 March here: on 1 March 2025 the student has turned 13.
    const rows = rowsOf({
      student: dob('2012-02-29'),
      enrolments: [{ startDate: '2025-03-01', schoolYear: '2025-2026', gradeLevel: 6 }],
    });
    expect(currentFeatures(rows, inputs(undefined, { schoolYearStartMonth: 3 })).overAgeYears).toBe(
      1,
    );
  });

  it('finds a repeated grade only across school years', () => {
    const e = (
      schoolYear: string,
      gradeLevel: number | null,
      startDate = `${schoolYear.slice(0, 4)}-09-01`,
    ) => ({
      schoolYear,
      gradeLevel,
      startDate,
    });
    const repeated = (enrolments: ReturnType<typeof e>[]) =>
      currentFeatures(rowsOf({ enrolments }), inputs()).repeatedGrade;
    expect(repeated([e('2024-2025', 7), e('2025-2026', 7)])).toBe(true);
    expect(repeated([e('2024-2025', 8), e('2025-2026', 7)])).toBe(true);
    expect(repeated([e('2024-2025', 6), e('2025-2026', 7)])).toBe(false);
    // 7A to 7B in one school year is a class move.
    expect(repeated([e('2025-2026', 7), e('2025-2026', 7, '2025-11-03')])).toBe(false);
    expect(repeated([e('2024-2025', null), e('2025-2026', 3)])).toBe(false);
  });

  it('counts transfers, returns and a mid-year entry as school moves', () => {
    const statusChanges = [
      { status: 'transferred_out', effectiveDate: '2025-10-01' },
      { status: 'returned', effectiveDate: '2025-11-01' },
      { status: 'dropped_out', effectiveDate: '2026-01-10' },
    ];
    const moves = (entryDate: string | null) =>
      currentFeatures(
        rowsOf({ student: { dateOfBirth: null, gradeLevel: null, entryDate }, statusChanges }),
        inputs(),
      ).schoolMoves;
    expect(moves(null)).toBe(2);
    expect(moves('2025-10-01')).toBe(3); // 30 days after 1 September
    expect(moves('2025-09-30')).toBe(2);
    expect(moves('2026-06-15')).toBe(3);
    expect(moves('2025-08-20')).toBe(2); // joining for the year that starts in September
  });
});

describe('snapshots at a past date', () => {
  it('ignores every row dated after the date and ends the windows on it', () => {
    const rows = rowsOf({
      student: { dateOfBirth: '2010-10-01', gradeLevel: null, entryDate: '2026-01-15' },
      attendance: daily('2025-11-03', 'PPAAPPAAAA'),
      incidents: [{ date: '2025-11-10', severity: 2, suspensionDays: 1 }],
      marks: [
        { ...mark(8, 10, 1, 'Maths', term1), date: '2025-11-05' }, // dated before: known
        mark(2, 10, 1, 'Maths', term1), // undated, term ends 19 December: not yet known
        mark(5, 10, 1, 'Art'), // neither date nor term: always known
      ],
      enrolments: [
        { startDate: '2025-09-01', schoolYear: '2025-2026', gradeLevel: 7 },
        { startDate: '2026-09-01', schoolYear: '2026-2027', gradeLevel: 7 },
      ],
      statusChanges: [{ status: 'transferred_out', effectiveDate: '2025-11-20' }],
    });
    const f = featuresAsOf(rows, '2025-11-06', inputs());
    expect(f.asOf).toBe('2025-11-06');
    expect(f.schoolDays).toBe(4); // 3 to 6 November
    expect(f.attendanceRate).toBe(0.5);
    expect(f.longestAbsenceStreak).toBe(2);
    expect(f.incidentsSev2_90d).toBe(0);
    expect(f.averageMark).toBeCloseTo(65, 12); // 80% and 50%
    expect(f.lastTermAverage).toBeCloseTo(80, 12);
    expect(f.repeatedGrade).toBe(false);
    expect(f.schoolMoves).toBe(0);
    expect(f.overAgeYears).toBe(1);

    const now = currentFeatures(rows, inputs());
    expect(now.asOf).toBe('2025-11-12');
    expect(now.longestAbsenceStreak).toBe(4);
    expect(now.repeatedGrade).toBe(true);
    expect(now.schoolMoves).toBe(2);
    expect(now.lastTermAverage).toBeCloseTo(50, 12);
  });

  it('equals the stored features at the student’s own as-of date when nothing is later', () => {
    const rows = rowsOf({
      attendance: daily('2025-09-01', 'PPALEPAAPPPLAP'),
      incidents: [{ date: '2025-09-05', severity: 3, suspensionDays: 2 }],
      marks: [{ ...mark(7, 10, 2, 'Maths', term1), date: '2025-09-10' }],
    });
    const asOf = studentAsOf(rows, inputs());
    expect(asOf).toBe('2025-09-14');
    expect(featuresAsOf(rows, asOf as string, inputs())).toEqual(currentFeatures(rows, inputs()));
  });
});
