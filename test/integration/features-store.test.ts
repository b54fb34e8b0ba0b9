import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId, openDatabase, type Db } from '../../db';
import {
  currentFeatures,
  forEachStudentRows,
  forStudentsRows,
  loadSchoolInputs,
  loadStudentRows,
  rebuildFeatures,
} from '../../main/backend/features';
import { refreshFeaturesAfter, refreshStudentFeatures } from '../../main/backend/keep-current';
import { someSql } from '../../main/backend/features/student-rows';
import { queryPlan } from '../support/migrate-to';
import { addCalendar, addStudent, insertSchool } from '../support/school';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/** A school with a five-day calendar (Monday 1 to Friday 5 September 2025) and two students. */
async function school() {
  const { db } = await openDatabase(join(tempDir(), 'features.sqlite'));
  const schoolId = insertSchool(db, { name: 'Features School' });
  addCalendar(db, schoolId, ['2025-09-01', '2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05']);
  const student = (n: number) => {
    const id = newId();
    db.prepare(
      `INSERT INTO students (id, school_id, student_number, first_name, last_name, date_of_birth)
       VALUES (?, ?, ?, 'A', 'B', '2012-01-01')`,
    ).run(id, schoolId, `S${n}`);
    return id;
  };
  return { db, schoolId, ana: student(1), ben: student(2) };
}

const attend = (db: Db, schoolId: string, studentId: string, date: string, status: string) =>
  db
    .prepare('INSERT INTO attendance (school_id, student_id, date, status) VALUES (?, ?, ?, ?)')
    .run(schoolId, studentId, date, status);

const row = (db: Db, schoolId: string, studentId: string) =>
  db
    .prepare('SELECT * FROM student_features WHERE school_id = ? AND student_id = ?')
    .get(schoolId, studentId) as Record<string, unknown> | undefined;

const withoutStamp = (r: Record<string, unknown> | undefined) => {
  if (!r) return r;
  const { updated_at: _stamp, ...rest } = r;
  return rest;
};

describe('student_features', () => {
  it('stores what the rules give, and a rebuild stores the same', async () => {
    const { db, schoolId, ana } = await school();
    db.transaction(() => {
      attend(db, schoolId, ana, '2025-09-01', 'present');
      attend(db, schoolId, ana, '2025-09-02', 'absent');
      attend(db, schoolId, ana, '2025-09-03', 'absent');
      attend(db, schoolId, ana, '2025-09-04', 'late');
      attend(db, schoolId, ana, '2025-09-06', 'absent'); // a Saturday: not a school day
      refreshStudentFeatures(db, schoolId, [ana]);
    })();
    const stored = row(db, schoolId, ana);
    expect(stored).toMatchObject({
      as_of: '2025-09-04',
      school_days: 4,
      attendance_rate: 0.5,
      attendance_rate_30d: 0.5,
      attendance_trend: null,
      longest_absence_streak: 2,
      late_count: 1,
    });
    rebuildFeatures(db, schoolId);
    expect(withoutStamp(row(db, schoolId, ana))).toEqual(withoutStamp(stored));
    db.close();
  });

  it('writes in the caller’s transaction, so a refused write leaves the old features', async () => {
    const { db, schoolId, ana } = await school();
    refreshStudentFeatures(db, schoolId, [ana]);
    expect(row(db, schoolId, ana)).toMatchObject({ school_days: 0, attendance_rate: null });
    expect(() =>
      db.transaction(() => {
        attend(db, schoolId, ana, '2025-09-01', 'absent');
        refreshStudentFeatures(db, schoolId, [ana]);
        throw new Error('refused after the refresh');
      })(),
    ).toThrow(/refused/);
    expect(row(db, schoolId, ana)).toMatchObject({ school_days: 0, attendance_rate: null });
    db.close();
  });

  it('keeps an archived student’s features and drops a deleted student’s', async () => {
    const { db, schoolId, ana, ben } = await school();
    attend(db, schoolId, ana, '2025-09-01', 'present');
    attend(db, schoolId, ben, '2025-09-01', 'absent');
    rebuildFeatures(db, schoolId);
    db.prepare("UPDATE students SET archived_at = '2025-09-10T00:00:00Z' WHERE id = ?").run(ana);
    db.prepare("UPDATE students SET deleted_at = '2025-09-10T00:00:00Z' WHERE id = ?").run(ben);
    refreshStudentFeatures(db, schoolId, [ana, ben]);
    expect(row(db, schoolId, ana)).toMatchObject({ attendance_rate: 1 });
    expect(row(db, schoolId, ben)).toBeUndefined();

    // The rebuild drops the row of a student deleted without a refresh, too.
    db.prepare('UPDATE students SET deleted_at = NULL WHERE id = ?').run(ben);
    rebuildFeatures(db, schoolId);
    db.prepare("UPDATE students SET deleted_at = '2025-09-11T00:00:00Z' WHERE id = ?").run(ben);
    expect(rebuildFeatures(db, schoolId)).toEqual({ students: 1 });
    expect(row(db, schoolId, ben)).toBeUndefined();
    db.close();
  });

  it('rebuilds one school without touching another’s rows', async () => {
    const { db, schoolId, ana } = await school();
    const other = insertSchool(db, { name: 'Other School' });
    const carl = addStudent(db, other, 'S1', 'C', 'D');
    attend(db, other, carl, '2025-09-01', 'absent');
    refreshStudentFeatures(db, other, [carl]);
    const before = row(db, other, carl);
    attend(db, schoolId, ana, '2025-09-01', 'present');
    rebuildFeatures(db, schoolId);
    expect(row(db, other, carl)).toEqual(before);
    expect(row(db, schoolId, ana)).toMatchObject({ attendance_rate: 1 });
    db.close();
  });

  it('refreshes the students a calendar change affects', async () => {
    const { db, schoolId, ana } = await school();
    attend(db, schoolId, ana, '2025-09-04', 'absent');
    attend(db, schoolId, ana, '2025-09-05', 'absent');
    refreshStudentFeatures(db, schoolId, [ana]);
    expect(row(db, schoolId, ana)).toMatchObject({
      longest_absence_streak: 2,
      as_of: '2025-09-05',
    });
    db.transaction(() => {
      db.prepare(
        "UPDATE school_calendar SET kind = 'closure' WHERE school_id = ? AND date = '2025-09-05'",
      ).run(schoolId);
      refreshFeaturesAfter(db, schoolId, { kind: 'calendar' });
    })();
    expect(row(db, schoolId, ana)).toMatchObject({
      longest_absence_streak: 1,
      as_of: '2025-09-04',
    });
    db.close();
  });

  it('loads the same rows student by student as in one pass over the school', async () => {
    const { db, schoolId, ana, ben } = await school();
    const classId = newId();
    db.prepare(
      "INSERT INTO classes (id, school_id, school_year, name, grade_level) VALUES (?, ?, '2025-2026', '7A', 7)",
    ).run(classId, schoolId);
    const assessment = (max: number, deleted: string | null) => {
      const id = newId();
      db.prepare(
        `INSERT INTO assessments (id, school_id, class_id, subject, name, max_score, deleted_at)
         VALUES (?, ?, ?, 'Maths', 'Test', ?, ?)`,
      ).run(id, schoolId, classId, max, deleted);
      return id;
    };
    const live = assessment(10, null);
    const gone = assessment(20, '2025-09-09T00:00:00Z');
    for (const [student, a, score] of [
      [ana, live, 7],
      [ana, gone, 2],
      [ben, live, 3],
    ] as const) {
      db.prepare(
        'INSERT INTO marks (id, school_id, assessment_id, student_id, score) VALUES (?, ?, ?, ?, ?)',
      ).run(newId(), schoolId, a, student, score);
    }
    db.prepare(
      "INSERT INTO enrolments (id, school_id, student_id, class_id, start_date) VALUES (?, ?, ?, ?, '2025-09-01')",
    ).run(newId(), schoolId, ana, classId);
    db.prepare(
      `INSERT INTO behaviour_incidents (id, school_id, student_id, date, category, severity)
       VALUES (?, ?, ?, '2025-09-02', 'conduct', 2)`,
    ).run(newId(), schoolId, ben);
    attend(db, schoolId, ana, '2025-09-01', 'late');

    const inputs = loadSchoolInputs(db, schoolId);
    const streamed = new Map<string, ReturnType<typeof currentFeatures>>();
    forEachStudentRows(db, schoolId, (id, rows) => streamed.set(id, currentFeatures(rows, inputs)));
    expect([...streamed.keys()].sort()).toEqual([ana, ben].sort());
    for (const id of [ana, ben]) {
      const rows = loadStudentRows(db, schoolId, id);
      expect(rows).not.toBeNull();
      expect(currentFeatures(rows!, inputs)).toEqual(streamed.get(id));
    }
    expect(streamed.get(ana)).toMatchObject({ averageMark: 70, lateCount: 1 });
    expect(streamed.get(ben)).toMatchObject({ averageMark: 30, incidentsSev2_90d: 1 });
    expect(loadStudentRows(db, schoolId, newId())).toBeNull();

    // The set reader (a register's class in one statement, or the whole school for a rebuild)
    // hands out exactly the rows the one-student reader does, and skips unknown students.
    const deleted = newId();
    db.prepare(
      `INSERT INTO students (id, school_id, student_number, first_name, last_name, deleted_at)
       VALUES (?, ?, 'S9', 'C', 'D', '2025-09-05T00:00:00Z')`,
    ).run(deleted, schoolId);
    for (const ids of [[ana, ben, newId(), deleted], null]) {
      const read = new Map<string, unknown>();
      forStudentsRows(db, schoolId, ids, (id, rows) => {
        expect(read.has(id)).toBe(false);
        read.set(id, rows);
      });
      expect([...read.keys()].sort()).toEqual([ana, ben].sort());
      for (const id of [ana, ben]) expect(read.get(id)).toEqual(loadStudentRows(db, schoolId, id));
    }
    // A register's class is read student by student through indexes, never by scanning the
    // school: each student by (school, id), their attendance as one range of its primary key.
    const plan = queryPlan(db, someSql, schoolId, JSON.stringify([ana, ben]));
    expect(plan).toMatch(/SEARCH s USING INDEX \S+ \(school_id=\? AND id=\?\)/);
    expect(plan).toMatch(/SEARCH attendance_days USING PRIMARY KEY \(student_key=\?\)/);
    expect(plan).not.toMatch(/SCAN (s|attendance_days|marks)\b/);
    db.close();
  });
});
