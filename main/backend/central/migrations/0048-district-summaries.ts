import type { Knex } from 'knex';
import { groupRoles } from '../role-names';
import { probablePairsSql } from './0046-district';

/**
 * The rest of the district report read from summaries, so a report over 100 schools reads a few
 * hundred rows rather than every intervention and a join of every student on national numbers:
 *
 * - `school_interventions`: per school and review date, the open (planned, active) and done
 *   (completed) interventions; overdue is the open ones reviewed before the report date, a sum over
 *   a few hundred rows. A missing review date is kept as 'infinity' (never overdue).
 * - `district_transfers`: every probable transfer as a pair of (school, student) keys; the names
 *   and dates are joined when the report reads it, from the few pairs there are.
 * - `beacon_refresh_summaries(school)` now also recounts these when the school's interventions or
 *   students moved since its marks. The 0046 function is kept under a new name and called first,
 *   so the attendance summaries are unchanged; a school's sync keeps calling the same name.
 *   A school's refresh recounts the pairs it is on either side of.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  const { district } = groupRoles(db);
  const statements = [
    `CREATE TABLE school_interventions (
      school_id TEXT NOT NULL,
      review_date DATE NOT NULL,
      open INTEGER NOT NULL,
      done INTEGER NOT NULL,
      PRIMARY KEY (school_id, review_date)
    )`,
    `CREATE TABLE district_transfers (
      school_id TEXT NOT NULL,
      student_id TEXT NOT NULL,
      to_school_id TEXT NOT NULL,
      to_student_id TEXT NOT NULL,
      PRIMARY KEY (school_id, student_id, to_school_id, to_student_id)
    )`,
    // A school's refresh also clears the pairs where it is the receiving school.
    `CREATE INDEX district_transfers_to ON district_transfers (to_school_id)`,
    `ALTER TABLE report_marks ADD COLUMN interventions_seq BIGINT NOT NULL DEFAULT 0`,
    // Every school's students are recounted at its next refresh, which fills its pairs.
    `UPDATE report_marks SET students_seq = 0`,
    `ALTER FUNCTION beacon_refresh_summaries(TEXT) RENAME TO beacon_refresh_attendance_summaries`,
  ];
  for (const sql of statements) await knex.raw(sql);
  for (const table of ['school_interventions', 'district_transfers']) {
    await knex.raw(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    await knex.raw(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    await knex.raw(
      `CREATE POLICY district ON ${table} TO ${district} USING (true) WITH CHECK (true)`,
    );
    await knex.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${district}`);
  }
  await knex.raw(refreshFunction);
  await knex.raw(`ALTER FUNCTION beacon_refresh_summaries(TEXT) OWNER TO ${district}`);
  await knex.raw(`REVOKE ALL ON FUNCTION beacon_refresh_summaries(TEXT) FROM PUBLIC`);
  await knex.raw(`GRANT EXECUTE ON FUNCTION beacon_refresh_summaries(TEXT) TO ${district}`);
}

const refreshFunction = `
CREATE FUNCTION beacon_refresh_summaries(school TEXT) RETURNS BOOLEAN LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public
  SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  mark report_marks%ROWTYPE;
  iv BIGINT; stu BIGINT;
  changed BOOLEAN;
BEGIN
  -- The same locks as the attendance refresh (taken again there, which a transaction may do).
  PERFORM pg_advisory_xact_lock_shared(hashtext('beacon-sync:' || school));
  PERFORM pg_advisory_xact_lock(hashtext('beacon-report:' || school));
  SELECT * INTO mark FROM report_marks WHERE school_id = school;
  SELECT coalesce(max(server_seq), 0) INTO iv FROM interventions WHERE school_id = school;
  SELECT coalesce(max(server_seq), 0) INTO stu FROM students WHERE school_id = school;
  changed := beacon_refresh_attendance_summaries(school);
  IF mark.school_id IS NULL OR iv > mark.interventions_seq THEN
    DELETE FROM school_interventions WHERE school_id = school;
    INSERT INTO school_interventions (school_id, review_date, open, done)
    SELECT school, coalesce(review_date, 'infinity'::date),
           count(*) FILTER (WHERE status IN ('planned', 'active')),
           count(*) FILTER (WHERE status = 'completed')
      FROM interventions WHERE school_id = school AND deleted_at IS NULL
     GROUP BY 2;
    UPDATE report_marks SET interventions_seq = iv WHERE school_id = school;
    changed := true;
  END IF;
  IF mark.school_id IS NULL OR stu > mark.students_seq THEN
    DELETE FROM district_transfers WHERE school_id = school OR to_school_id = school;
    INSERT INTO district_transfers (school_id, student_id, to_school_id, to_student_id)
    SELECT left_school, left_id, to_school, to_id FROM (${probablePairsSql}) p
     WHERE p.left_school = school
    UNION
    SELECT left_school, left_id, to_school, to_id FROM (${probablePairsSql}) p
     WHERE p.to_school = school
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN changed;
END $$`;

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
