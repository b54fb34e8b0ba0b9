import type { Knex } from 'knex';
import { refreshFunction } from './0046-district';

/**
 * A school's first summaries in one grouped pass. The attendance refresh recounts each (student,
 * month) that has a row merged since the school's mark from a range of the attendance key: right
 * for a day's few thousand rows, but after a first push of a million rows it probed 50,000
 * ranges, each a run of heap pages scattered over the school's partition, for rows it had just
 * walked once to find the pairs. When the school has no attendance counted yet (its mark's
 * attendance sequence is 0), every pair is new, so its rows are read once through the pull index
 * and grouped (in memory: sorting is off for the function, as the partitions have no statistics
 * yet). Each pair gets the same counts the per-pair path gives, a pair whose rows are all deleted
 * included (zero, zero); later refreshes take the per-pair path as before.
 */
const firstBuild = `
  IF att > 0 AND coalesce(mark.attendance_seq, 0) = 0 THEN
    INSERT INTO attendance_months (school_id, student_id, month, attended, absent)
    SELECT school, a.student_id, date_trunc('month', a.date)::date,
           count(*) FILTER (WHERE a.deleted_at IS NULL AND a.status IN ('present', 'late')),
           count(*) FILTER (WHERE a.deleted_at IS NULL AND a.status = 'absent')
      FROM attendance a
     WHERE a.school_id = school AND a.server_seq <= att
     GROUP BY 2, 3
    ON CONFLICT (school_id, student_id, month)
      DO UPDATE SET attended = EXCLUDED.attended, absent = EXCLUDED.absent;
  ELSIF att > coalesce(mark.attendance_seq, 0) THEN`;

export async function up(knex: Knex): Promise<void> {
  const perPair = '  IF att > coalesce(mark.attendance_seq, 0) THEN';
  if (!refreshFunction.includes(perPair)) throw new Error('0049: the 0046 refresh has changed');
  await knex.raw(
    refreshFunction
      .replace(
        'CREATE FUNCTION beacon_refresh_summaries',
        'CREATE OR REPLACE FUNCTION beacon_refresh_attendance_summaries',
      )
      .replace(perPair, firstBuild.trimStart().replace(/^/, '  ')),
  );
  // CREATE OR REPLACE keeps the owner and grants but takes the settings of the new text: 0047's
  // again, and no sorting (a first build groups a million rows in memory instead).
  await knex.raw(
    `ALTER FUNCTION beacon_refresh_attendance_summaries(TEXT)
       SET enable_bitmapscan = off SET enable_material = off SET enable_sort = off`,
  );
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
