import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { newId } from '../../db/ids';
import { seedSchool } from '../support/school';
import { migrateTo, queryPlan, tableNames } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const upTo = migrations.findIndex((m) => m.name === '0008-import') + 1;
const open = () => migrateTo(join(tempDir(), 'b.sqlite'), upTo);

describe('migration 0008-import', () => {
  it('creates the saved mappings and attendance summaries tables', async () => {
    expect(upTo).toBeGreaterThan(0);
    const db = await open();
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['import_mappings', 'attendance_summaries']),
    );
    db.close();
  });

  it('keeps one live mapping per name, and frees the name when one is deleted', async () => {
    const db = await open();
    const { schoolId } = seedSchool(db);
    const insert = db.prepare(
      "INSERT INTO import_mappings (id, school_id, name, kind, definition) VALUES (?, ?, ?, ?, '{}')",
    );
    const first = newId();
    insert.run(first, schoolId, 'Register', 'attendance');
    expect(() => insert.run(newId(), schoolId, 'Register', 'marks')).toThrow(/UNIQUE/);
    expect(() => insert.run(newId(), schoolId, 'Other', 'grades')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO import_mappings (id, school_id, name, kind, definition) VALUES (?, ?, 'x', 'marks', '{')",
        )
        .run(newId(), schoolId),
    ).toThrow(/CHECK/);
    db.prepare("UPDATE import_mappings SET deleted_at = 'now' WHERE id = ?").run(first);
    insert.run(newId(), schoolId, 'Register', 'attendance');
    db.close();
  });

  it('keeps one summary per student and period, with counts that can be', async () => {
    const db = await open();
    const { schoolId, studentId } = seedSchool(db);
    const insert = db.prepare(
      `INSERT INTO attendance_summaries (id, school_id, student_id, period, absences, school_days)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insert.run(newId(), schoolId, studentId, '2005-2006', 4, null);
    expect(() => insert.run(newId(), schoolId, studentId, '2005-2006', 5, null)).toThrow(/UNIQUE/);
    expect(() => insert.run(newId(), schoolId, studentId, '2006-2007', -1, null)).toThrow(/CHECK/);
    expect(() => insert.run(newId(), schoolId, studentId, '2006-2007', 10, 9)).toThrow(/CHECK/);
    expect(() => insert.run(newId(), schoolId, 'nobody', '2006-2007', 1, null)).toThrow(
      /FOREIGN KEY/,
    );
    expect(
      queryPlan(
        db,
        'SELECT * FROM attendance_summaries WHERE school_id = ? AND student_id = ? AND period = ?',
        's',
        'x',
        'p',
      ),
    ).toMatch(/USING INDEX/);
    expect(
      queryPlan(
        db,
        'SELECT * FROM import_mappings WHERE school_id = ? AND name = ? AND deleted_at IS NULL',
        's',
        'n',
      ),
    ).toMatch(/USING INDEX import_mappings_by_name/);
    db.close();
  });
});
