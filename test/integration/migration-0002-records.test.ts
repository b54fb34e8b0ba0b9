import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { seedSchool } from '../support/school';
import { migrateTo, queryPlan } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const open = () => migrateTo(join(tempDir(), 'b.sqlite'), 2);

describe('migration 0002-records', () => {
  it('accepts one attendance row per student per day, with a status from the fixed set', async () => {
    const db = await open();
    const { schoolId, classId, studentId } = seedSchool(db);
    const insert = db.prepare(
      'INSERT INTO attendance (id, school_id, student_id, class_id, date, status) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run(newId(), schoolId, studentId, classId, '2025-09-01', 'present');
    expect(() => insert.run(newId(), schoolId, studentId, classId, '2025-09-01', 'late')).toThrow(
      /UNIQUE/,
    );
    expect(() => insert.run(newId(), schoolId, studentId, classId, '2025-09-02', 'asleep')).toThrow(
      /CHECK/,
    );
    db.close();
  });

  it.each(['2025-02-30', '2025-13-01', '01/09/2025', '2025-9-1', ''])(
    'refuses the impossible date %s',
    async (date) => {
      const db = await open();
      const { schoolId, studentId } = seedSchool(db);
      expect(() =>
        db
          .prepare(
            "INSERT INTO attendance (id, school_id, student_id, date, status) VALUES (?, ?, ?, ?, 'present')",
          )
          .run(newId(), schoolId, studentId, date),
      ).toThrow(/CHECK/);
      db.close();
    },
  );

  it('keeps marks between 0 and the assessment maximum', async () => {
    const db = await open();
    const { schoolId, classId, studentId } = seedSchool(db);
    const assessment = newId();
    db.prepare(
      "INSERT INTO assessments (id, school_id, class_id, subject, name, max_score) VALUES (?, ?, ?, 'Maths', 'Test 1', 20)",
    ).run(assessment, schoolId, classId);
    const mark = db.prepare(
      'INSERT INTO marks (id, school_id, assessment_id, student_id, score) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => mark.run(newId(), schoolId, assessment, studentId, 21)).toThrow(/maximum/);
    expect(() => mark.run(newId(), schoolId, assessment, studentId, -1)).toThrow(/CHECK/);
    const id = newId();
    mark.run(id, schoolId, assessment, studentId, 20);
    expect(() => db.prepare('UPDATE marks SET score = 25 WHERE id = ?').run(id)).toThrow(/maximum/);
    expect(() =>
      db.prepare('UPDATE assessments SET max_score = 10 WHERE id = ?').run(assessment),
    ).toThrow(/below an existing mark/);
    db.close();
  });

  it('never lets a row point into another school', async () => {
    const db = await open();
    const a = seedSchool(db, 'A');
    const b = seedSchool(db, 'B');
    expect(() =>
      db
        .prepare(
          "INSERT INTO behaviour_incidents (id, school_id, student_id, date, category, severity) VALUES (?, ?, ?, '2025-09-01', 'fight', 2)",
        )
        .run(newId(), a.schoolId, b.studentId),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO enrolments (id, school_id, student_id, class_id, start_date) VALUES (?, ?, ?, ?, '2025-09-01')",
        )
        .run(newId(), a.schoolId, a.studentId, b.classId),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses severities, statuses and date ranges that cannot be', async () => {
    const db = await open();
    const { schoolId, studentId } = seedSchool(db);
    expect(() =>
      db
        .prepare(
          "INSERT INTO behaviour_incidents (id, school_id, student_id, date, category, severity) VALUES (?, ?, ?, '2025-09-01', 'x', 4)",
        )
        .run(newId(), schoolId, studentId),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO interventions (id, school_id, student_id, type, start_date, review_date) VALUES (?, ?, ?, 'mentor', '2025-09-10', '2025-09-01')",
        )
        .run(newId(), schoolId, studentId),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO student_status_changes (id, school_id, student_id, status, effective_date) VALUES (?, ?, ?, 'vanished', '2025-09-01')",
        )
        .run(newId(), schoolId, studentId),
    ).toThrow(/CHECK/);
    db.close();
  });

  describe('hot queries use their index', () => {
    const cases: [string, string, RegExp][] = [
      [
        "a student's attendance by date",
        'SELECT date, status FROM attendance WHERE school_id = ? AND student_id = ? AND date BETWEEN ? AND ?',
        /USING INDEX attendance_by_student_date/,
      ],
      [
        'a class register for one day',
        'SELECT student_id, status FROM attendance WHERE school_id = ? AND class_id = ? AND date = ?',
        /USING INDEX attendance_register/,
      ],
      [
        "a student's marks",
        'SELECT score FROM marks WHERE school_id = ? AND student_id = ?',
        /USING INDEX marks_by_student/,
      ],
      [
        'incidents by student and date',
        'SELECT * FROM behaviour_incidents WHERE school_id = ? AND student_id = ? AND date >= ?',
        /USING INDEX incidents_by_student/,
      ],
      [
        "a class's enrolled students",
        'SELECT student_id FROM enrolments WHERE school_id = ? AND class_id = ? AND start_date <= ?',
        /USING INDEX enrolments_by_class/,
      ],
    ];
    it.each(cases)('%s', async (_name, sql, index) => {
      const db = await open();
      const params = sql
        .split('?')
        .slice(1)
        .map(() => 'x');
      const plan = queryPlan(db, sql, ...params);
      expect(plan).toMatch(index);
      expect(plan).not.toMatch(/SCAN attendance|SCAN marks|SCAN behaviour_incidents/);
      db.close();
    });
  });
});
