import { describe, expect, it } from 'vitest';
import { migrateCentral } from '../../main/backend/central/central-schema';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();

const statuses = ['present', 'absent', 'late', 'excused', 'absent'];

describe("a school's first summaries (migration 0049)", () => {
  it('the grouped first build counts every (student, month) as the per-pair refresh does', async () => {
    const url = await newDatabase();
    await migrateCentral(parseCentralUrl(url));
    const months = await asAdmin(url, async (c) => {
      // Three students over three months, some rows deleted (one student's October wholly), in
      // two merges (server sequence 10 and 11), and a row of another school.
      await c.query(
        `INSERT INTO attendance (school_id, id, student_id, date, status, version, deleted_at,
           server_seq, origin)
         SELECT 'school-a', s || '/' || d::date, s, d::date, ($1::text[])[1 + (n % 5)], 1,
                CASE WHEN n % 7 = 0 OR (s = 'st-3' AND d >= '2025-10-01' AND d < '2025-11-01')
                     THEN '2025-11-30T00:00:00.000Z' END,
                10 + (n % 2), 'laptop'
           FROM (SELECT s, d, row_number() OVER () AS n
                   FROM unnest(ARRAY['st-1', 'st-2', 'st-3']) s,
                        generate_series('2025-09-15'::date, '2025-11-20'::date, '1 day') d) x`,
        [statuses],
      );
      await c.query(
        `INSERT INTO attendance (school_id, id, student_id, date, status, version, server_seq, origin)
         VALUES ('school-b', 'st-9/2025-10-01', 'st-9', '2025-10-01', 'absent', 1, 12, 'other')`,
      );
      const read = async () =>
        (
          await c.query<{ student_id: string; month: string; attended: number; absent: number }>(
            `SELECT student_id, month::text, attended, absent FROM attendance_months
              WHERE school_id = 'school-a' ORDER BY student_id, month`,
          )
        ).rows;
      const refresh = () => c.query(`SELECT beacon_refresh_summaries('school-a')`);
      await refresh();
      const mark = await c.query<{ attendance_seq: string }>(
        `SELECT attendance_seq FROM report_marks WHERE school_id = 'school-a'`,
      );
      expect(mark.rows[0]?.attendance_seq).toBe('11');
      const grouped = await read();
      // The same rows counted the per-pair way: a mark below every row's sequence.
      await c.query(`DELETE FROM attendance_months WHERE school_id = 'school-a'`);
      await c.query(`UPDATE report_marks SET attendance_seq = 1 WHERE school_id = 'school-a'`);
      await refresh();
      return { grouped, perPair: await read() };
    });
    expect(months.grouped).toHaveLength(9);
    expect(months.grouped.find((m) => m.student_id === 'st-3' && m.month === '2025-10-01')).toEqual(
      { student_id: 'st-3', month: '2025-10-01', attended: 0, absent: 0 },
    );
    expect(months.grouped.some((m) => m.attended > 0 && m.absent > 0)).toBe(true);
    expect(months.grouped).toEqual(months.perPair);
  });
});
