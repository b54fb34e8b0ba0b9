import type pg from 'pg';
import type {
  DistrictReport,
  DistrictSchool,
  DistrictSchoolMonth as SchoolMonth,
} from '../../../contract/domains/district';
import { BeaconError } from '../../../db';
import { withAdmin } from './central-admin';
import { centralApplied, checkCentralSchema } from './central-schema';
import type { CentralTarget } from './central-url';
import { groupRoles } from './role-names';

export { CHRONIC_BELOW } from './migrations/0046-district';

export type { DistrictReport };

/**
 * Brings every school's summaries up to date (`beacon_refresh_summaries`, migrations 0046 and
 * 0047): one query finds the schools with anything merged after their marks (an index probe per
 * school and table); only those pay for the function's locks and recounts. A school's own sync
 * already refreshes its summaries, so this finds little to do.
 */
export async function refreshSummaries(c: pg.Client): Promise<number> {
  const res = await c.query<{ refreshed: string }>(
    `SELECT count(*) FILTER (WHERE beacon_refresh_summaries(s.id)) AS refreshed
       FROM schools s LEFT JOIN report_marks m ON m.school_id = s.id
      WHERE m.school_id IS NULL
         OR EXISTS (SELECT 1 FROM attendance a WHERE a.school_id = s.id AND a.server_seq > m.attendance_seq)
         OR EXISTS (SELECT 1 FROM students t WHERE t.school_id = s.id AND t.server_seq > m.students_seq)
         OR EXISTS (SELECT 1 FROM risk_tiers r WHERE r.school_id = s.id AND r.server_seq > m.tiers_seq)
         OR EXISTS (SELECT 1 FROM interventions i WHERE i.school_id = s.id AND i.server_seq > m.interventions_seq)`,
  );
  return Number(res.rows[0]?.refreshed ?? 0);
}

/** Refuses, reading nothing, an account that is not a member of the database's district role. */
export async function requireDistrictAdmin(c: pg.Client, target: CentralTarget): Promise<void> {
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
    await requireDistrictAdmin(c, target);
    const { district } = groupRoles(target.database);
    checkCentralSchema(await centralApplied(c), target.host);
    await c.query('BEGIN');
    try {
      await c.query(`SET LOCAL ROLE ${district}`);
      const refreshedSchools = await refreshSummaries(c);
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

/** The latest month's attendance rate against the month before it (null without two). */
function trendOf(months: readonly SchoolMonth[]): DistrictSchool['attendanceTrend'] {
  const rated = months.filter((m) => m.attendanceRate !== null);
  const [previous, latest] = rated.slice(-2);
  if (!previous || !latest || previous.attendanceRate === null || latest.attendanceRate === null)
    return null;
  return {
    month: latest.month,
    previousMonth: previous.month,
    change: latest.attendanceRate - previous.attendanceRate,
  };
}

async function readReport(
  c: pg.Client,
  asOf: string,
): Promise<Omit<DistrictReport, 'refreshedSchools'>> {
  const schools = await c.query<{
    id: string;
    name: string;
    code: string | null;
    students: string | null;
    high: string | null;
    medium: string | null;
    low: string | null;
    scored: string | null;
    open: string | null;
    overdue: string | null;
    done: string | null;
    chronic: string | null;
    measured: string | null;
  }>(
    `SELECT s.id, s.name, acc.code, sm.students, sm.high, sm.medium, sm.low, sm.scored,
            iv.open, iv.overdue, iv.done, y.chronic, y.measured
       FROM schools s
       LEFT JOIN school_accounts acc ON acc.school_id = s.id
       LEFT JOIN school_summaries sm ON sm.school_id = s.id
       LEFT JOIN school_years y ON y.school_id = s.id AND y.year_start = ${yearStartSql}
       LEFT JOIN LATERAL (
         SELECT sum(open) AS open, sum(open) FILTER (WHERE review_date < $1::date) AS overdue,
                sum(done) AS done
           FROM school_interventions WHERE school_id = s.id
       ) iv ON true
      WHERE s.deleted_at IS NULL
      ORDER BY coalesce(acc.code, s.name), s.id`,
    [asOf],
  );
  const perMonth = await c.query<{
    school_id: string;
    month: string;
    attended: number;
    absent: number;
    chronic: number;
  }>(
    `SELECT m.school_id, to_char(m.month, 'YYYY-MM') AS month, m.attended, m.absent, m.chronic
       FROM school_months m JOIN schools s ON s.id = m.school_id
      WHERE m.month >= ${yearStartSql} AND m.month <= $1::date
      ORDER BY m.school_id, m.month`,
    [asOf],
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
    // The pairs the summaries keep, with what the report shows of each joined now.
    `SELECT t.school_id AS left_school, la.code AS left_code, ls.name AS left_name,
            ta.code AS to_code, ts.name AS to_name,
            (SELECT max(c.effective_date) FROM student_status_changes c
              WHERE c.school_id = t.school_id AND c.student_id = t.student_id
                AND c.status = 'dropped_out' AND c.deleted_at IS NULL)::text AS left_on,
            coalesce(e.entry_date, left(e.created_at, 10)::date)::text AS enrolled_on
       FROM district_transfers t
       JOIN schools ls ON ls.id = t.school_id
       JOIN schools ts ON ts.id = t.to_school_id
       JOIN students e ON e.school_id = t.to_school_id AND e.id = t.to_student_id
       LEFT JOIN school_accounts la ON la.school_id = t.school_id
       LEFT JOIN school_accounts ta ON ta.school_id = t.to_school_id
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
  const outBy = new Map<string, number>();
  for (const p of pairs.rows) outBy.set(p.left_school, (outBy.get(p.left_school) ?? 0) + 1);

  return {
    asOf,
    months: [...allMonths].sort(),
    schools: schools.rows.map((s) => {
      const measured = num(s.measured);
      const schoolMonths = months.get(s.id) ?? [];
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
          students: num(s.chronic),
          measured,
          rate: measured > 0 ? num(s.chronic) / measured : null,
        },
        interventions: { open: num(s.open), overdue: num(s.overdue), done: num(s.done) },
        probableTransfersOut: outBy.get(s.id) ?? 0,
        months: schoolMonths,
        attendanceTrend: trendOf(schoolMonths),
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
