import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/**
 * What the district's own view needs, beside the schools' records:
 *
 * - `students.national_number`: the number a student keeps from school to school, how a dropout at
 *   one school is recognised as a probable transfer to another.
 * - `risk_tiers`: each school's latest tier per student. Scores are made on the laptops and never
 *   synced as records; a laptop sends its tiers after each sync so the district can count them.
 * - `attendance_months`: attended and absent days per student per month, kept up to date by the
 *   report itself from what changed since it last looked (`report_marks`). Reading ten million
 *   attendance rows for each report is what made a summary necessary (see bench/central-report).
 * - attendance ids in the "C" collation: an id is `studentId/YYYY-MM-DD`, so the primary key is
 *   also (school, student, day) in byte order, and one student's month is a range of it. Under a
 *   linguistic collation that range would skip punctuation and need an index of its own.
 * - `beacon_probable_transfers()`: for the calling school only, its dropouts who are enrolled at
 *   another school of the district and its students who dropped out elsewhere, with no more about
 *   the other school's student than the dates. It runs as the district role (it owns it), as a
 *   school's own role sees only its own rows.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  const { school, district } = groupRoles(db);
  const statements = [
    `ALTER TABLE students ADD COLUMN national_number TEXT`,
    // Across schools by design: the one lookup that is not one school's (see docs/scaling.md).
    `CREATE INDEX students_national ON students (national_number, school_id)
       WHERE national_number IS NOT NULL`,
    `ALTER TABLE attendance ALTER COLUMN id TYPE TEXT COLLATE "C"`,
    `CREATE TABLE risk_tiers (
      school_id TEXT NOT NULL,
      student_id TEXT NOT NULL,
      tier TEXT NOT NULL CHECK (tier IN ('low', 'medium', 'high')),
      score DOUBLE PRECISION NOT NULL,
      scored_at TEXT NOT NULL,
      PRIMARY KEY (school_id, student_id)
    )`,
    `CREATE TABLE attendance_months (
      school_id TEXT NOT NULL,
      student_id TEXT NOT NULL,
      month DATE NOT NULL,
      attended INTEGER NOT NULL,
      absent INTEGER NOT NULL,
      PRIMARY KEY (school_id, student_id, month)
    )`,
    `CREATE TABLE report_marks (
      school_id TEXT NOT NULL,
      attendance_seq BIGINT NOT NULL,
      PRIMARY KEY (school_id)
    )`,
  ];
  for (const sql of statements) await knex.raw(sql);
  for (const table of ['risk_tiers', 'attendance_months', 'report_marks']) {
    await knex.raw(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    await knex.raw(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    await knex.raw(
      `CREATE POLICY district ON ${table} TO ${district} USING (true) WITH CHECK (true)`,
    );
  }
  // A school sends and replaces its own tiers; the summaries are the report's, written by it.
  await knex.raw(
    `CREATE POLICY own_school ON risk_tiers TO ${school}
       USING (school_id = beacon_school()) WITH CHECK (school_id = beacon_school())`,
  );
  await knex.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON risk_tiers TO ${school}`);
  await knex.raw(`GRANT SELECT ON risk_tiers TO ${district}`);
  await knex.raw(
    `GRANT SELECT, INSERT, UPDATE, DELETE ON attendance_months, report_marks TO ${district}`,
  );
  await knex.raw(
    `CREATE FUNCTION beacon_probable_transfers()
       RETURNS TABLE (direction TEXT, student_id TEXT, other_school_code TEXT,
                      other_school_name TEXT, left_on DATE, enrolled_on DATE)
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
     WITH me AS (
       SELECT school_id FROM school_accounts
        WHERE role_name = session_user AND revoked_at IS NULL AND school_id IS NOT NULL
     ), pairs AS (${probablePairsSql})
     SELECT 'out', p.left_id, p.to_code, p.to_name, p.left_on, p.enrolled_on
       FROM pairs p JOIN me ON me.school_id = p.left_school
     UNION ALL
     SELECT 'in', p.to_id, p.left_code, p.left_name, p.left_on, p.enrolled_on
       FROM pairs p JOIN me ON me.school_id = p.to_school
     $$`,
  );
  await knex.raw(`ALTER FUNCTION beacon_probable_transfers() OWNER TO ${district}`);
  await knex.raw(`REVOKE ALL ON FUNCTION beacon_probable_transfers() FROM PUBLIC`);
  await knex.raw(`GRANT EXECUTE ON FUNCTION beacon_probable_transfers() TO ${school}`);
}

/**
 * Every probable transfer of the district: a student marked dropped out at one school (the latest
 * dropout date) and a student with the same national number active at another. Shared by the
 * schools' function above and the district report.
 */
export const probablePairsSql = `
  SELECT d.school_id AS left_school, d.id AS left_id, ls.name AS left_name, la.code AS left_code,
         e.school_id AS to_school, e.id AS to_id, ts.name AS to_name, ta.code AS to_code,
         (SELECT max(c.effective_date) FROM student_status_changes c
           WHERE c.school_id = d.school_id AND c.student_id = d.id
             AND c.status = 'dropped_out' AND c.deleted_at IS NULL) AS left_on,
         coalesce(e.entry_date, left(e.created_at, 10)::date) AS enrolled_on
    FROM students d
    JOIN students e ON e.national_number = d.national_number AND e.school_id <> d.school_id
    JOIN schools ls ON ls.id = d.school_id
    JOIN schools ts ON ts.id = e.school_id
    LEFT JOIN school_accounts la ON la.school_id = d.school_id
    LEFT JOIN school_accounts ta ON ta.school_id = e.school_id
   WHERE d.national_number IS NOT NULL AND d.status = 'dropped_out' AND d.deleted_at IS NULL
     AND e.status = 'active' AND e.deleted_at IS NULL AND e.archived_at IS NULL`;

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
