import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/** Attendance under this share of measured days is chronic absence, as on a school's dashboard. */
export const CHRONIC_BELOW = 0.9;

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
      server_seq BIGINT NOT NULL DEFAULT nextval('server_seq'),
      PRIMARY KEY (school_id, student_id)
    )`,
    `CREATE INDEX risk_tiers_pull ON risk_tiers (school_id, server_seq)`,
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
      students_seq BIGINT NOT NULL,
      tiers_seq BIGINT NOT NULL,
      PRIMARY KEY (school_id)
    )`,
    // One row per school, per school month and per school year: what the report reads.
    `CREATE TABLE school_summaries (
      school_id TEXT NOT NULL,
      students INTEGER NOT NULL,
      high INTEGER NOT NULL,
      medium INTEGER NOT NULL,
      low INTEGER NOT NULL,
      scored INTEGER NOT NULL,
      PRIMARY KEY (school_id)
    )`,
    `CREATE TABLE school_months (
      school_id TEXT NOT NULL,
      month DATE NOT NULL,
      attended INTEGER NOT NULL,
      absent INTEGER NOT NULL,
      chronic INTEGER NOT NULL,
      PRIMARY KEY (school_id, month)
    )`,
    `CREATE TABLE school_years (
      school_id TEXT NOT NULL,
      year_start DATE NOT NULL,
      chronic INTEGER NOT NULL,
      measured INTEGER NOT NULL,
      PRIMARY KEY (school_id, year_start)
    )`,
  ];
  for (const sql of statements) await knex.raw(sql);
  const summaries = [
    'attendance_months',
    'report_marks',
    'school_summaries',
    'school_months',
    'school_years',
  ];
  for (const table of ['risk_tiers', ...summaries]) {
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
  await knex.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${summaries.join(', ')} TO ${district}`);
  await knex.raw(refreshFunction);
  await knex.raw(`ALTER FUNCTION beacon_refresh_summaries(TEXT) OWNER TO ${district}`);
  await knex.raw(`REVOKE ALL ON FUNCTION beacon_refresh_summaries(TEXT) FROM PUBLIC`);
  await knex.raw(`GRANT EXECUTE ON FUNCTION beacon_refresh_summaries(TEXT) TO ${district}`);
  // A school's sync brings its own summary up to date (its own school only), so the report
  // finds little or nothing left to do.
  await knex.raw(
    `CREATE FUNCTION beacon_refresh_my_summaries() RETURNS BOOLEAN LANGUAGE sql
       SECURITY DEFINER SET search_path = public AS $$
     SELECT beacon_refresh_summaries(school_id) FROM school_accounts
      WHERE role_name = session_user AND revoked_at IS NULL AND school_id IS NOT NULL
     $$`,
  );
  await knex.raw(`ALTER FUNCTION beacon_refresh_my_summaries() OWNER TO ${district}`);
  await knex.raw(`REVOKE ALL ON FUNCTION beacon_refresh_my_summaries() FROM PUBLIC`);
  await knex.raw(`GRANT EXECUTE ON FUNCTION beacon_refresh_my_summaries() TO ${school}`);
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
 * Brings one school's summaries up to date with what changed since its marks: the (student,
 * month) pairs with an attendance row merged since are recounted from a range of the attendance
 * key (`student/day`, in the "C" collation), then the school's months, years and counts are
 * recomputed from its own summary rows (a few thousand). Holds the school's sync lock shared so no
 * push is half seen and the mark never passes a sequence number still to commit. Returns whether
 * anything had changed.
 */
export const refreshFunction = `
CREATE FUNCTION beacon_refresh_summaries(school TEXT) RETURNS BOOLEAN LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public
  -- Index probes by school, always: after a first push the partitions have no statistics yet and
  -- a planner that believes them empty scanned the whole partition once per pair (18 minutes for
  -- a school of 5,000 students).
  SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  mark report_marks%ROWTYPE;
  att BIGINT; stu BIGINT; tie BIGINT;
  start_month INTEGER;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('beacon-sync:' || school));
  PERFORM pg_advisory_xact_lock(hashtext('beacon-report:' || school));
  SELECT * INTO mark FROM report_marks WHERE school_id = school;
  SELECT coalesce(max(server_seq), 0) INTO att FROM attendance WHERE school_id = school;
  SELECT coalesce(max(server_seq), 0) INTO stu FROM students WHERE school_id = school;
  SELECT coalesce(max(server_seq), 0) INTO tie FROM risk_tiers WHERE school_id = school;
  IF mark.school_id IS NOT NULL AND att <= mark.attendance_seq AND stu <= mark.students_seq
     AND tie <= mark.tiers_seq THEN
    RETURN false;
  END IF;
  IF att > coalesce(mark.attendance_seq, 0) THEN
    WITH pairs AS (
      SELECT DISTINCT a.student_id, date_trunc('month', a.date)::date AS month
        FROM attendance a
       WHERE a.school_id = school AND a.server_seq > coalesce(mark.attendance_seq, 0)
         AND a.server_seq <= att
    ), fresh AS (
      SELECT p.student_id, p.month,
             count(*) FILTER (WHERE a.status IN ('present', 'late')) AS attended,
             count(*) FILTER (WHERE a.status = 'absent') AS absent
        FROM pairs p
        LEFT JOIN attendance a
          ON a.school_id = school
         AND a.id >= p.student_id || '/' || to_char(p.month, 'YYYY-MM') COLLATE "C"
         AND a.id < p.student_id || '/' || to_char(p.month + interval '1 month', 'YYYY-MM') COLLATE "C"
         AND a.deleted_at IS NULL
       GROUP BY p.student_id, p.month
    )
    INSERT INTO attendance_months (school_id, student_id, month, attended, absent)
    SELECT school, student_id, month, attended, absent FROM fresh
    ON CONFLICT (school_id, student_id, month)
      DO UPDATE SET attended = EXCLUDED.attended, absent = EXCLUDED.absent;
  END IF;
  SELECT school_year_start_month INTO start_month FROM schools WHERE id = school;
  DELETE FROM school_months WHERE school_id = school;
  INSERT INTO school_months (school_id, month, attended, absent, chronic)
  SELECT school, month, sum(attended), sum(absent),
         count(*) FILTER (WHERE attended + absent > 0 AND attended < ${CHRONIC_BELOW} * (attended + absent))
    FROM attendance_months WHERE school_id = school GROUP BY month;
  DELETE FROM school_years WHERE school_id = school;
  INSERT INTO school_years (school_id, year_start, chronic, measured)
  SELECT school, year_start,
         count(*) FILTER (WHERE attended < ${CHRONIC_BELOW} * (attended + absent)), count(*)
    FROM (SELECT m.student_id,
                 make_date(CASE WHEN extract(month FROM m.month) >= coalesce(start_month, 9)
                                THEN extract(year FROM m.month)::int
                                ELSE extract(year FROM m.month)::int - 1 END,
                           coalesce(start_month, 9), 1) AS year_start,
                 sum(m.attended) AS attended, sum(m.absent) AS absent
            FROM attendance_months m
            JOIN students st ON st.school_id = m.school_id AND st.id = m.student_id
           WHERE m.school_id = school AND st.deleted_at IS NULL AND st.status = 'active'
             AND st.archived_at IS NULL
           GROUP BY 1, 2) y
   WHERE attended + absent > 0
   GROUP BY year_start;
  INSERT INTO school_summaries (school_id, students, high, medium, low, scored)
  SELECT school, count(*),
         count(*) FILTER (WHERE r.tier = 'high'), count(*) FILTER (WHERE r.tier = 'medium'),
         count(*) FILTER (WHERE r.tier = 'low'), count(r.tier)
    FROM students st
    LEFT JOIN risk_tiers r ON r.school_id = st.school_id AND r.student_id = st.id
   WHERE st.school_id = school AND st.deleted_at IS NULL AND st.status = 'active'
     AND st.archived_at IS NULL
  ON CONFLICT (school_id) DO UPDATE SET students = EXCLUDED.students, high = EXCLUDED.high,
    medium = EXCLUDED.medium, low = EXCLUDED.low, scored = EXCLUDED.scored;
  INSERT INTO report_marks (school_id, attendance_seq, students_seq, tiers_seq)
  VALUES (school, att, stu, tie)
  ON CONFLICT (school_id) DO UPDATE SET attendance_seq = EXCLUDED.attendance_seq,
    students_seq = EXCLUDED.students_seq, tiers_seq = EXCLUDED.tiers_seq;
  RETURN true;
END $$`;

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
