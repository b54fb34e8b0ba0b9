import pg from 'pg';
import { districtReport } from '../main/backend/central/report';
import { median, timeMs, type Benchmark } from './harness';
import { benchCentral, benchDir } from './sync-world';

const SCHOOLS = 100;
const STUDENTS = 1_000;
/** Weekdays from 1 September 2025 to 28 November 2025: a first term. */
const FIRST = '2025-09-01';
const LAST = '2025-11-28';
const AS_OF = '2025-12-05';
/** The days after the term pushed between reports: each run is one more day of every school. */
const LATER = ['2025-12-01', '2025-12-02', '2025-12-03'];

/**
 * The district's records made on the server with set-based SQL: 100 schools of 1,000 students, a
 * term of weekday attendance (6.5 million rows, about 8% absent and some students chronically),
 * tiers for every student, two interventions per ten students, and a dropout in a hundred with a
 * national number another school has enrolled (probable transfers).
 */
async function generate(c: pg.Client): Promise<number> {
  await c.query(`INSERT INTO schools (id, name, code, timezone, school_year_start_month,
                   created_at, updated_at, version, server_seq, origin)
                 SELECT 'school-' || s, 'School ' || s, 'S' || s, 'UTC', 9, '2025-09-01T00:00:00Z',
                   '2025-09-01T00:00:00Z', 1, nextval('server_seq'), 'bench'
                   FROM generate_series(1, ${SCHOOLS}) s`);
  await c.query(`INSERT INTO school_accounts (code, role_name, school_id)
                 SELECT 'S' || s, 'bench_s_' || s, 'school-' || s FROM generate_series(1, ${SCHOOLS}) s`);
  // Student k of school s has national number N(s*STUDENTS+k); the last ten of each school are
  // re-enrolled students whose number is a dropout's of the previous school.
  await c.query(`INSERT INTO students (school_id, id, student_number, national_number, first_name,
                   last_name, status, created_at, updated_at, version, server_seq, origin)
                 SELECT 'school-' || s, 'st-' || s || '-' || k, 'N' || k,
                   CASE WHEN k > ${STUDENTS - 10} AND s > 1
                        THEN 'NAT-' || ((s - 1) * ${STUDENTS} + k - ${STUDENTS - 10})
                        ELSE 'NAT-' || (s * ${STUDENTS} + k) END,
                   'First' || k, 'Last' || k,
                   CASE WHEN k <= 10 THEN 'dropped_out' ELSE 'active' END,
                   '2025-09-01T00:00:00Z', '2025-09-01T00:00:00Z', 1, nextval('server_seq'), 'bench'
                   FROM generate_series(1, ${SCHOOLS}) s, generate_series(1, ${STUDENTS}) k`);
  await c.query(`INSERT INTO student_status_changes (school_id, id, student_id, status,
                   effective_date, created_at, updated_at, version, server_seq, origin)
                 SELECT school_id, 'sc-' || id, id, 'dropped_out', DATE '2025-11-14',
                   '2025-11-14T00:00:00Z', '2025-11-14T00:00:00Z', 1, nextval('server_seq'), 'bench'
                   FROM students WHERE status = 'dropped_out'`);
  const days = await insertDays(c, FIRST, LAST);
  await c.query(`INSERT INTO risk_tiers (school_id, student_id, tier, score, scored_at)
                 SELECT school_id, id,
                   CASE WHEN abs(hashtext(id)) % 10 = 0 THEN 'high'
                        WHEN abs(hashtext(id)) % 10 IN (1, 2) THEN 'medium' ELSE 'low' END,
                   0.5, '2025-11-28T00:00:00Z' FROM students`);
  await c.query(`INSERT INTO interventions (school_id, id, student_id, type, start_date, review_date,
                   status, created_at, updated_at, version, server_seq, origin)
                 SELECT school_id, 'iv-' || id || '-' || n, id, 'Mentoring', DATE '2025-10-01',
                   DATE '2025-10-01' + (hashtext(id) & 127),
                   CASE WHEN n = 1 THEN 'active' ELSE 'completed' END,
                   '2025-10-01T00:00:00Z', '2025-10-01T00:00:00Z', 1, nextval('server_seq'), 'bench'
                   FROM students, generate_series(1, 2) n WHERE abs(hashtext(id)) % 10 = 0`);
  await c.query('ANALYZE');
  return days;
}

/** Every student's mark for the weekdays in [from, to], as a merge would leave them. */
async function insertDays(c: pg.Client, from: string, to: string): Promise<number> {
  const res = await c.query(
    `INSERT INTO attendance (school_id, id, student_id, date, status, version, server_seq, origin)
     SELECT st.school_id, st.id || '/' || d::date, st.id, d::date,
            CASE WHEN (hashtext(st.id || d::date) & 1023) < (CASE WHEN abs(hashtext(st.id)) % 7 = 0 THEN 200 ELSE 60 END)
                 THEN 'absent'
                 WHEN (hashtext(st.id || d::date) & 1023) < 250 THEN 'late' ELSE 'present' END,
            1, nextval('server_seq'), 'bench'
       FROM students st, generate_series($1::date, $2::date, interval '1 day') d
      WHERE extract(isodow FROM d) < 6
     ON CONFLICT (school_id, id) DO UPDATE
       SET status = EXCLUDED.status, version = attendance.version + 1, server_seq = EXCLUDED.server_seq`,
    [from, to],
  );
  return res.rowCount ?? 0;
}

/**
 * central.report.100: the district report over 100 schools of 1,000 students with a term of
 * attendance, read as the district-admin role, in milliseconds: the median of three reports each
 * made after one more school day was merged for every school (100,000 new attendance rows, so
 * the monthly summary is brought up to date for every school inside the timed report). The notes
 * give the first report (which builds the summary from the 6.5 million rows) and one with nothing
 * new.
 */
export const centralReport100: Benchmark = {
  name: 'central.report.100',
  unit: 'ms',
  target: '<= 500',
  meets: (v) => v <= 500,
  async run() {
    const { dir, remove } = benchDir('beacon-bench-report-');
    const central = await benchCentral(dir);
    const c = new pg.Client({ connectionString: central.url });
    await c.connect();
    try {
      const start = process.hrtime.bigint();
      const rows = await generate(c);
      const generated = Number(process.hrtime.bigint() - start) / 1e9;
      const cold = await timeMs(() => districtReport(central.target, { asOf: AS_OF }));
      const times: number[] = [];
      let report = await districtReport(central.target, { asOf: AS_OF });
      for (const day of LATER) {
        await insertDays(c, day, day);
        times.push(
          await timeMs(async () => {
            report = await districtReport(central.target, { asOf: AS_OF });
          }),
        );
        if (report.schools.length !== SCHOOLS || report.refreshedSchools !== SCHOOLS) {
          throw new Error(
            `The report saw ${report.schools.length} schools and refreshed ${report.refreshedSchools}; expected ${SCHOOLS} of each.`,
          );
        }
      }
      const quiet = await timeMs(() => districtReport(central.target, { asOf: AS_OF }));
      return {
        value: median(times),
        notes:
          `runs ${times.map((t) => t.toFixed(0)).join(', ')} ms after a day of every school; ` +
          `first report (builds the summary from ${rows.toLocaleString('en')} rows) ${cold.toFixed(0)} ms; ` +
          `nothing new ${quiet.toFixed(0)} ms; ${report.transfers.length} probable transfers; ` +
          `data generated in ${generated.toFixed(0)} s`,
      };
    } finally {
      await c.end();
      await central.drop();
      remove();
    }
  },
};
