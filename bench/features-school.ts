import type { Db } from '../db';
import type { AttendanceStatus } from '../contract/domains/records-register';
import { localKey } from '../db/local-keys';
import { addDays } from '../main/backend/features/dates';
import { epochDay } from '../main/backend/features/packed-attendance';
import { attendanceStatusCode } from '../main/backend/services/attendance-rows';

/** Sizes of the generated school. */
export interface SchoolSize {
  students: number;
  schoolDays: number;
  seed: number;
}

export interface GeneratedSchool {
  schoolId: string;
  /** Students of one class, as a register would save them together. */
  classStudents: string[][];
  counts: Record<string, number>;
}

/** mulberry32: a small seeded generator, so every run builds the same school. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped id from a counter: cheap, unique and ordered like UUIDv7s made in one run. */
const idFor = (kind: number, n: number) =>
  `0190a000-${kind.toString(16).padStart(4, '0')}-7000-8000-${n.toString(16).padStart(12, '0')}`;

const HOLIDAY_WEEKS = ['2025-10-27', '2025-12-22', '2025-12-29', '2026-02-16', '2026-04-06'];
const SUBJECTS = ['Mathematics', 'Language', 'Science', 'History'];
const CLASS_SIZE = 40;

/** School days on weekdays from 1 September 2025, skipping holiday weeks (listed as holidays). */
function calendar(schoolDays: number): { days: string[]; holidays: string[] } {
  const holidayDates = new Set(
    HOLIDAY_WEEKS.flatMap((m) => [0, 1, 2, 3, 4].map((i) => addDays(m, i))),
  );
  const days: string[] = [];
  const holidays: string[] = [];
  for (let d = '2025-09-01'; days.length < schoolDays; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (holidayDates.has(d)) holidays.push(d);
    else days.push(d);
  }
  return { days, holidays };
}

/**
 * Writes a whole school year straight into the tables with one prepared insert per table in one
 * transaction: the calendar, three terms, two years of classes and enrolments, a register row per
 * student per school day, marks and incidents. Fast, and independent of the services.
 */
export function generateSchool(db: Db, size: SchoolSize): GeneratedSchool {
  const rnd = random(size.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const schoolId = idFor(0, 1);
  const counts: Record<string, number> = {};
  const classStudents: string[][] = [];

  db.transaction(() => {
    db.prepare('INSERT INTO schools (id, name) VALUES (?, ?)').run(schoolId, 'Bench School');
    const { days, holidays } = calendar(size.schoolDays);
    const cal = db.prepare(
      'INSERT INTO school_calendar (id, school_id, date, kind) VALUES (?, ?, ?, ?)',
    );
    let calN = 0;
    for (const d of days) cal.run(idFor(1, ++calN), schoolId, d, 'school_day');
    for (const d of holidays) cal.run(idFor(1, ++calN), schoolId, d, 'holiday');
    counts.calendar = calN;

    const third = Math.floor(days.length / 3);
    const terms = [0, 1, 2].map((i) => ({
      id: idFor(2, i + 1),
      start: days[i * third] as string,
      end: days[i === 2 ? days.length - 1 : (i + 1) * third - 1] as string,
    }));
    const term = db.prepare(
      `INSERT INTO terms (id, school_id, school_year, name, start_date, end_date)
       VALUES (?, ?, '2025-2026', ?, ?, ?)`,
    );
    terms.forEach((t, i) => term.run(t.id, schoolId, `Term ${i + 1}`, t.start, t.end));

    const classCount = Math.ceil(size.students / CLASS_SIZE);
    const klass = db.prepare(
      `INSERT INTO classes (id, school_id, school_year, name, grade_level) VALUES (?, ?, ?, ?, ?)`,
    );
    for (let c = 0; c < classCount; c++) {
      const grade = 2 + (c % 11);
      klass.run(idFor(3, c + 1), schoolId, '2025-2026', `G${grade}-${c}`, grade);
      klass.run(idFor(4, c + 1), schoolId, '2024-2025', `G${grade - 1}-${c}`, grade - 1);
    }

    const student = db.prepare(
      `INSERT INTO students (id, school_id, student_number, first_name, last_name, sex,
         date_of_birth, grade_level, entry_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const enrol = db.prepare(
      `INSERT INTO enrolments (id, school_id, student_id, class_id, start_date) VALUES (?, ?, ?, ?, ?)`,
    );
    // Straight into the compact table (migration 0009), as the register's writer stores it.
    const attendRow = db.prepare(
      `INSERT INTO attendance_days (student_key, day, status, class_key, version)
       VALUES (?, ?, ?, ?, 1)`,
    );
    const keys = new Map<string, number>();
    const keyOf = (id: string) => {
      let key = keys.get(id);
      if (key === undefined) keys.set(id, (key = localKey(db, id)));
      return key;
    };
    const attend = (studentId: string, classId: string, date: string, st: AttendanceStatus) =>
      attendRow.run(keyOf(studentId), epochDay(date), attendanceStatusCode(st), keyOf(classId));
    const assess = db.prepare(
      `INSERT INTO assessments (id, school_id, class_id, term_id, subject, name, date, max_score, weight)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const mark = db.prepare(
      'INSERT INTO marks (id, school_id, assessment_id, student_id, score) VALUES (?, ?, ?, ?, ?)',
    );
    const incident = db.prepare(
      `INSERT INTO behaviour_incidents (id, school_id, student_id, date, category, severity, suspension_days)
       VALUES (?, ?, ?, ?, 'conduct', ?, ?)`,
    );
    const status = db.prepare(
      `INSERT INTO student_status_changes (id, school_id, student_id, status, effective_date)
       VALUES (?, ?, ?, 'transferred_out', ?)`,
    );

    let assessmentN = 0;
    const classAssessments: { id: string; max: number }[][] = [];
    for (let c = 0; c < classCount; c++) {
      const list: { id: string; max: number }[] = [];
      for (const t of terms) {
        for (const subject of SUBJECTS) {
          for (let k = 0; k < 2; k++) {
            const id = idFor(5, ++assessmentN);
            const max = pick([10, 20, 100]);
            const date = k === 0 ? t.start : t.end;
            assess.run(
              id,
              schoolId,
              idFor(3, c + 1),
              t.id,
              subject,
              `Test ${k + 1}`,
              date,
              max,
              k + 1,
            );
            list.push({ id, max });
          }
        }
      }
      classAssessments.push(list);
    }
    counts.assessments = assessmentN;

    let enrolN = 0;
    let attendN = 0;
    let markN = 0;
    let incidentN = 0;
    let statusN = 0;
    const absence: number[] = [];
    for (let s = 0; s < size.students; s++) {
      const c = Math.floor(s / CLASS_SIZE);
      const grade = 2 + (c % 11);
      const id = idFor(6, s + 1);
      (classStudents[c] ??= []).push(id);
      const overAge = rnd() < 0.1 ? 1 + Math.floor(rnd() * 2) : 0;
      const birthYear = 2025 - (grade + 6) - overAge;
      const dob = `${birthYear - (rnd() < 0.7 ? 0 : 1)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15`;
      const entry = rnd() < 0.08 ? '2025-11-10' : '2024-09-01';
      student.run(
        id,
        schoolId,
        `S${s + 1}`,
        'First',
        `Last${s}`,
        pick(['F', 'M']),
        dob,
        grade,
        entry,
        'active',
      );
      enrol.run(idFor(7, ++enrolN), schoolId, id, idFor(4, c + 1), '2024-09-01');
      enrol.run(idFor(7, ++enrolN), schoolId, id, idFor(3, c + 1), '2025-09-01');
      absence.push(rnd() < 0.15 ? 0.1 + rnd() * 0.3 : rnd() * 0.06);

      const ability = 0.3 + rnd() * 0.65;
      for (const a of classAssessments[c] ?? []) {
        const score = Math.round(Math.min(1, Math.max(0, ability + (rnd() - 0.5) * 0.3)) * a.max);
        mark.run(idFor(9, ++markN), schoolId, a.id, id, score);
      }
      const incidents = rnd() < 0.2 ? 1 + Math.floor(rnd() * 4) : 0;
      for (let k = 0; k < incidents; k++) {
        const severity = 1 + Math.floor(rnd() * 3);
        incident.run(
          idFor(10, ++incidentN),
          schoolId,
          id,
          pick(days),
          severity,
          severity === 3 ? 3 : 0,
        );
      }
      if (rnd() < 0.02) status.run(idFor(11, ++statusN), schoolId, id, pick(days));
    }
    // Day by day, class by class, as registers are saved: one student's rows end up spread over
    // the whole table, as they are in a real school's file.
    for (const d of days) {
      for (let s = 0; s < size.students; s++) {
        const absentP = absence[s] as number;
        const u = rnd();
        const st: AttendanceStatus =
          u < absentP
            ? 'absent'
            : u < absentP + 0.04
              ? 'late'
              : u < absentP + 0.06
                ? 'excused'
                : 'present';
        const c = Math.floor(s / CLASS_SIZE);
        attend(idFor(6, s + 1), idFor(3, c + 1), d, st);
        attendN++;
      }
    }
    Object.assign(counts, {
      students: size.students,
      enrolments: enrolN,
      attendance: attendN,
      marks: markN,
      incidents: incidentN,
      statusChanges: statusN,
    });
  })();
  return { schoolId, classStudents, counts };
}
