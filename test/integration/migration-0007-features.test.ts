import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { newId } from '../../db/ids';
import { seedSchool } from '../support/school';
import { migrateTo, queryPlan } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

/** The packed form of its time (0009 packs day numbers from attendance_days instead). */
const packSql = `date || substr(status, 1, 1)`;

const tempDir = useTempDir();
const upTo = migrations.findIndex((m) => m.name === '0007-features') + 1;
const open = () => migrateTo(join(tempDir(), 'b.sqlite'), upTo);

describe('migration 0007-features', () => {
  it('reads a student’s attendance, marks and the calendar from covering indexes only', async () => {
    expect(upTo).toBeGreaterThan(0);
    const db = await open();
    expect(
      queryPlan(
        db,
        `SELECT group_concat(${packSql}, '') FROM attendance
         WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL`,
        's',
        't',
      ),
    ).toMatch(/USING COVERING INDEX attendance_features/);
    expect(
      queryPlan(
        db,
        `SELECT assessment_id, score FROM marks INDEXED BY marks_features
         WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL`,
        's',
        't',
      ),
    ).toMatch(/USING COVERING INDEX marks_features/);
    expect(
      queryPlan(
        db,
        `SELECT date, kind FROM school_calendar INDEXED BY school_calendar_features
         WHERE school_id = ? AND deleted_at IS NULL`,
        's',
      ),
    ).toMatch(/USING COVERING INDEX school_calendar_features/);
    db.close();
  });

  it('indexes live rows only, and still allows one row per student per day', async () => {
    const db = await open();
    const { schoolId, studentId } = seedSchool(db);
    const insert = db.prepare(
      'INSERT INTO attendance (id, school_id, student_id, date, status, deleted_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run(newId(), schoolId, studentId, '2025-09-01', 'present', null);
    insert.run(newId(), schoolId, studentId, '2025-09-02', 'absent', '2025-09-03T00:00:00Z');
    expect(() => insert.run(newId(), schoolId, studentId, '2025-09-01', 'late', null)).toThrow(
      /UNIQUE/,
    );
    const indexed = db
      .prepare(
        `SELECT count(*) FROM attendance INDEXED BY attendance_features
         WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL`,
      )
      .pluck()
      .get(schoolId, studentId);
    expect(indexed).toBe(1);
    // The index keeps the packed entries in date order.
    insert.run(newId(), schoolId, studentId, '2025-08-29', 'late', null);
    const packed = db
      .prepare(
        `SELECT group_concat(${packSql}, '') FROM attendance INDEXED BY attendance_features
         WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL`,
      )
      .pluck()
      .get(schoolId, studentId);
    expect(packed).toBe('2025-08-29l2025-09-01p');
    db.close();
  });
});
