import type Database from 'better-sqlite3';
import { newId } from '../../db/ids';

/** Inserts the minimum a school-owned row needs: a school, a class and a student. */
export function seedSchool(db: Database.Database, name = 'Test School') {
  const schoolId = newId();
  const classId = newId();
  const studentId = newId();
  db.prepare('INSERT INTO schools (id, name) VALUES (?, ?)').run(schoolId, name);
  db.prepare(
    "INSERT INTO classes (id, school_id, school_year, name) VALUES (?, ?, '2025-2026', '7A')",
  ).run(classId, schoolId);
  db.prepare(
    `INSERT INTO students (id, school_id, student_number, first_name, last_name)
     VALUES (?, ?, ?, 'Ada', 'Lovelace')`,
  ).run(studentId, schoolId, `S-${studentId.slice(-6)}`);
  return { schoolId, classId, studentId };
}
