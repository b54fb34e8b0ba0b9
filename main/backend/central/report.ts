import type pg from 'pg';
import type {
  DistrictReport,
  DistrictSchoolMonth as SchoolMonth,
} from '../../../contract/domains/district';
import { BeaconError } from '../../../db';
import { withAdmin } from './central-admin';
import { centralApplied, checkCentralSchema } from './central-schema';
import type { CentralTarget } from './central-url';
import { probablePairsSql } from './migrations/0046-district';
import { groupRoles } from './role-names';

/** Attendance under this share of measured days is chronic absence, as on a school's dashboard. */
export const CHRONIC_BELOW = 0.9;

export type { DistrictReport };

/**
 * Brings the per-student monthly attendance summary up to date with what changed since the last
 * report: for each school, only the (student, month) pairs with an attendance row merged after the
 * school's mark, each recounted from a range of the attendance key (the id is `student/day`, in
 * the "C" collation). Holds each school's sync lock shared, so no push is half seen and the mark
 * never passes a sequence number still to commit.
 */
export async function refreshAttendanceMonths(c: pg.Client): Promise<number> {
  await c.query(
    `SELECT pg_advisory_xact_lock_shared(hashtext('beacon-sync:' || id)) FROM schools ORDER BY id`,
  );
  // Two reports at once would recount the same pairs; the second waits and finds nothing new.
  await c.query(`SELECT pg_advisory_xact_lock(hashtext('beacon-report'))`);
  const changed = await c.query<{ school_id: string; upto: string }>(
    `SELECT s.id AS school_id, x.upto
       FROM schools s
       LEFT JOIN report_marks m ON m.school_id = s.id
       CROSS JOIN LATERAL (
         SELECT max(a.server_seq) AS upto FROM attendance a
          WHERE a.school_id = s.id AND a.server_seq > coalesce(m.attendance_seq, 0)) x
      WHERE x.upto IS NOT NULL`,
  );
  for (const row of changed.rows) {
    await c.query(
      `WITH mark AS (
         SELECT coalesce((SELECT attendance_seq FROM report_marks WHERE school_id = $1), 0) AS seq
       ), pairs AS (
         SELECT DISTINCT a.student_id, date_trunc('month', a.date)::date AS month
           FROM attendance a, mark
          WHERE a.school_id = $1 AND a.server_seq > mark.seq AND a.server_seq <= $2
       ), fresh AS (
         SELECT p.student_id, p.month,
                count(*) FILTER (WHERE a.status IN ('present', 'late')) AS attended,
                count(*) FILTER (WHERE a.status = 'absent') AS absent
           FROM pairs p
           LEFT JOIN attendance a
             ON a.school_id = $1
            AND a.id >= p.student_id || '/' || to_char(p.month, 'YYYY-MM') COLLATE "C"
            AND a.id < p.student_id || '/' || to_char(p.month + interval '1 month', 'YYYY-MM') COLLATE "C"
            AND a.deleted_at IS NULL
          GROUP BY p.student_id, p.month
       )
       INSERT INTO attendance_months (school_id, student_id, month, attended, absent)
       SELECT $1, student_id, month, attended, absent FROM fresh
       ON CONFLICT (school_id, student_id, month)
         DO UPDATE SET attended = EXCLUDED.attended, absent = EXCLUDED.absent`,
      [row.school_id, row.upto],
    );
    await c.query(
      `INSERT INTO report_marks (school_id, attendance_seq) VALUES ($1, $2)
       ON CONFLICT (school_id) DO UPDATE SET attendance_seq = EXCLUDED.attendance_seq`,
      [row.school_id, row.upto],
    );
  }
  return changed.rows.length;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The district's view, read as the district-admin role (row-level security's district policy,
 * not the connecting account's own rights): each school's tiers, chronic absence, interventions,
 * probable transfers and monthly attendance over its school year up to `asOf`.
 */
export async function districtReport(
  target: CentralTarget,
  options: { asOf?: string } = {},
): Promise<DistrictReport> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!isoDay.test(asOf) || Number.isNaN(Date.parse(asOf))) {
    throw new BeaconError('INVALID_INPUT', `The report date "${asOf}" is not a YYYY-MM-DD date.`);
  }
  return withAdmin(target, async (c) => {
    const { district } = groupRoles(target.database);
    const member = await c.query<{ ok: boolean }>(
      `SELECT pg_has_role(current_user, $1, 'MEMBER') AS ok`,
      [district],
    );
    if (!member.rows[0]?.ok) {
      throw new BeaconError(
        'FORBIDDEN',
        `The account ${target.user} is not a district admin of this database (role ${district}); nothing was read.`,
      );
    }
    checkCentralSchema(await centralApplied(c), target.host);
    await c.query('BEGIN');
    try {
      await c.query(`SET LOCAL ROLE ${district}`);
      const refreshedSchools = await refreshAttendanceMonths(c);
      const report = await readReport(c, asOf);
      await c.query('COMMIT');
      return { ...report, refreshedSchools };
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/** The first day of the school year containing `asOf`, per school (its start month). */
const yearStartSql = `make_date(
  CASE WHEN extract(month FROM $1::date) >= s.school_year_start_month
       THEN extract(year FROM $1::date)::int ELSE extract(year FROM $1::date)::int - 1 END,
  s.school_year_start_month, 1)`;

const num = (v: string | number | null | undefined) => Number(v ?? 0);

async function readReport(
  c: pg.Client,
  asOf: string,
): Promise<Omit<DistrictReport, 'refreshedSchools'>> {
  const schools = await c.query<{
    id: string;
    name: string;
    code: string | null;
    students: string;
    high: string;
    medium: string;
    low: string;
    scored: string;
    open: string;
    overdue: string;
  }>(
    `WITH active AS (
       SELECT school_id, id FROM students
        WHERE deleted_at IS NULL AND status = 'active' AND archived_at IS NULL
     ), tiers AS (
       SELECT r.school_id,
              count(*) FILTER (WHERE r.tier = 'high') AS high,
              count(*) FILTER (WHERE r.tier = 'medium') AS medium,
              count(*) FILTER (WHERE r.tier = 'low') AS low,
              count(*) AS scored
         FROM risk_tiers r JOIN active a ON a.school_id = r.school_id AND a.id = r.student_id
        GROUP BY r.school_id
     ), iv AS (
       SELECT school_id,
              count(*) FILTER (WHERE status IN ('planned', 'active')) AS open,
              count(*) FILTER (WHERE status IN ('planned', 'active') AND review_date < $1::date) AS overdue
         FROM interventions WHERE deleted_at IS NULL GROUP BY school_id
     ), n AS (SELECT school_id, count(*) AS students FROM active GROUP BY school_id)
     SELECT s.id, s.name, acc.code, coalesce(n.students, 0) AS students,
            coalesce(t.high, 0) AS high, coalesce(t.medium, 0) AS medium, coalesce(t.low, 0) AS low,
            coalesce(t.scored, 0) AS scored, coalesce(iv.open, 0) AS open,
            coalesce(iv.overdue, 0) AS overdue
       FROM schools s
       LEFT JOIN school_accounts acc ON acc.school_id = s.id
       LEFT JOIN n ON n.school_id = s.id
       LEFT JOIN tiers t ON t.school_id = s.id
       LEFT JOIN iv ON iv.school_id = s.id
      WHERE s.deleted_at IS NULL
      ORDER BY coalesce(acc.code, s.name), s.id`,
    [asOf],
  );
  const perMonth = await c.query<{
    school_id: string;
    month: string;
    attended: string;
    absent: string;
    chronic: string;
  }>(
    `SELECT m.school_id, to_char(m.month, 'YYYY-MM') AS month,
            sum(m.attended) AS attended, sum(m.absent) AS absent,
            count(*) FILTER (WHERE m.attended + m.absent > 0
                               AND m.attended < $2::float8 * (m.attended + m.absent)) AS chronic
       FROM attendance_months m
       JOIN schools s ON s.id = m.school_id
       JOIN students st ON st.school_id = m.school_id AND st.id = m.student_id
      WHERE m.month >= ${yearStartSql} AND m.month <= $1::date
        AND st.deleted_at IS NULL AND st.status = 'active' AND st.archived_at IS NULL
      GROUP BY m.school_id, m.month
      ORDER BY m.school_id, m.month`,
    [asOf, CHRONIC_BELOW],
  );
  const chronic = await c.query<{ school_id: string; chronic: string; measured: string }>(
    `SELECT school_id,
            count(*) FILTER (WHERE attended < $2::float8 * (attended + absent)) AS chronic,
            count(*) AS measured
       FROM (SELECT m.school_id, m.student_id, sum(m.attended) AS attended, sum(m.absent) AS absent
               FROM attendance_months m
               JOIN schools s ON s.id = m.school_id
               JOIN students st ON st.school_id = m.school_id AND st.id = m.student_id
              WHERE m.month >= ${yearStartSql} AND m.month <= $1::date
                AND st.deleted_at IS NULL AND st.status = 'active' AND st.archived_at IS NULL
              GROUP BY m.school_id, m.student_id) y
      WHERE attended + absent > 0
      GROUP BY school_id`,
    [asOf, CHRONIC_BELOW],
  );
  const pairs = await c.query<{
    left_school: string;
    left_code: string | null;
    left_name: string;
    to_code: string | null;
    to_name: string;
    left_on: string | null;
    enrolled_on: string | null;
  }>(
    `SELECT left_school, left_code, left_name, to_code, to_name,
            left_on::text AS left_on, enrolled_on::text AS enrolled_on
       FROM (${probablePairsSql}) p
      ORDER BY left_name, to_name, left_on`,
  );

  const months = new Map<string, SchoolMonth[]>();
  const allMonths = new Set<string>();
  for (const r of perMonth.rows) {
    const attended = num(r.attended);
    const measured = attended + num(r.absent);
    const list = months.get(r.school_id) ?? [];
    list.push({
      month: r.month,
      attendanceRate: measured > 0 ? attended / measured : null,
      chronic: num(r.chronic),
    });
    months.set(r.school_id, list);
    allMonths.add(r.month);
  }
  const chronicBy = new Map(chronic.rows.map((r) => [r.school_id, r]));
  const outBy = new Map<string, number>();
  for (const p of pairs.rows) outBy.set(p.left_school, (outBy.get(p.left_school) ?? 0) + 1);

  return {
    asOf,
    months: [...allMonths].sort(),
    schools: schools.rows.map((s) => {
      const ch = chronicBy.get(s.id);
      const measured = num(ch?.measured);
      return {
        schoolId: s.id,
        code: s.code,
        name: s.name,
        students: num(s.students),
        tiers: {
          high: num(s.high),
          medium: num(s.medium),
          low: num(s.low),
          unscored: Math.max(0, num(s.students) - num(s.scored)),
        },
        chronic: {
          students: num(ch?.chronic),
          measured,
          rate: measured > 0 ? num(ch?.chronic) / measured : null,
        },
        interventions: { open: num(s.open), overdue: num(s.overdue) },
        probableTransfersOut: outBy.get(s.id) ?? 0,
        months: months.get(s.id) ?? [],
      };
    }),
    transfers: pairs.rows.map((p) => ({
      fromCode: p.left_code,
      fromName: p.left_name,
      toCode: p.to_code,
      toName: p.to_name,
      leftOn: p.left_on,
      enrolledOn: p.enrolled_on,
    })),
  };
}
