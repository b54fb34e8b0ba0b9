/**
 * How to partition the central attendance table, measured (issue 11 §1: "by school hash or by
 * school year: measure and say why"). Not part of `npm run bench` (it loads millions of rows):
 *
 *   npx tsx bench/central-partitioning.ts [--schools 50] [--students 300] [--days 60] [--rounds 5]
 *
 * In a throwaway database of its own on the test server (dropped at the end), the central
 * attendance table is built three ways, with the same columns, keys and indexes as migration 0040/
 * 0046 (key (school_id, id) with the id in the "C" collation, pull index (school_id, server_seq)):
 *
 * - `hash`: BY HASH (school_id), 8 partitions: the live schema;
 * - `year`: BY RANGE (date), one partition per school year (September to August) and the next
 *   year's made ahead. The key must hold the partition column: (school_id, id, date);
 * - `yearhash`: by school year, each year BY HASH (school_id) in 8: 24 partitions.
 *
 * Each is loaded with the same rows (SCHOOLS x STUDENTS x DAYS weekdays in each of two school
 * years, 2024-25 and 2025-26, school after school as first pushes arrive), then each round runs
 * every statement below once per layout, the layouts' order rotating round by round, and keeps
 * the server's own execution time (EXPLAIN ANALYZE, TIMING OFF), its planning time and the
 * backend's CPU time (/proc, the server being local). Which partitions each statement planned and
 * executed is read from the same plan. The statements are Beacon's (sync/merge-sql.ts, push.ts,
 * pull.ts, migrations 0046 and 0049) on the table named, the merge's conflict probe as a count of
 * its join; "+date" forms are what a migration to a year layout would have to write so a probe
 * knows its partition. Retiring the old year (DETACH and DROP against DELETE) runs last, rolled
 * back up to three times, then once for real with the VACUUM a DELETE needs.
 *
 * The client runs at whatever priority it is given; the figures are the server's, and the
 * comparison is within one run, layouts alternating. Parallel query is off so the load stays one
 * core.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { compactAttendanceColumns } from '../main/backend/sync/outbox-reader';
import { median, tableLines } from './harness';

const { values } = parseArgs({
  options: {
    schools: { type: 'string', default: '50' },
    students: { type: 'string', default: '300' },
    days: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '5' },
  },
  strict: true,
});
const SCHOOLS = Number(values.schools);
const STUDENTS = Number(values.students);
const DAYS = Number(values.days);
const ROUNDS = Number(values.rounds);
const PARTS = 8; // as the live schema (migrations/0040-central-schema.ts, PARTITIONS)
const YEARS = [2024, 2025];
const CURRENT = '2025-09-01';
/** BENCH_PLANS=FILE: each statement's first plan (JSON, one a line) is appended there. */
const plansFile = process.env.BENCH_PLANS;
const serverUrl = process.env.BEACON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Scheme = 'hash' | 'year' | 'yearhash';
const schemes: Scheme[] = ['hash', 'year', 'yearhash'];
const table = (s: Scheme) => `att_${s}`;
const leafCount: Record<Scheme, number> = {
  hash: PARTS,
  year: YEARS.length + 1,
  yearhash: (YEARS.length + 1) * PARTS,
};
/** The primary key: a partitioned table's unique keys must hold its partition columns. */
const keyOf = (s: Scheme) => (s === 'hash' ? 'school_id, id' : 'school_id, id, date');

const columns = compactAttendanceColumns;
const list = columns.join(', ');

/**
 * Attendance's columns as migrations 0040 and 0046 leave them, spelled out here rather than taken
 * from the live table: the year layouts need another key, and this database has no central roles.
 */
function ddl(s: Scheme): string[] {
  const t = table(s);
  const body = `(
    school_id TEXT NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    student_id TEXT NOT NULL,
    class_id TEXT,
    date DATE NOT NULL,
    status TEXT NOT NULL,
    minutes_late INTEGER,
    note TEXT,
    recorded_by TEXT,
    version BIGINT NOT NULL CHECK (version >= 0),
    deleted_at TEXT,
    server_seq BIGINT NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (${keyOf(s)})
  )`;
  const hashParts = (parent: string) =>
    Array.from(
      { length: PARTS },
      (_, i) =>
        `CREATE TABLE ${parent}_p${i} PARTITION OF ${parent}
           FOR VALUES WITH (MODULUS ${PARTS}, REMAINDER ${i})`,
    );
  const years = [...YEARS, (YEARS.at(-1) ?? 0) + 1];
  const out: string[] = [];
  if (s === 'hash')
    out.push(`CREATE TABLE ${t} ${body} PARTITION BY HASH (school_id)`, ...hashParts(t));
  else {
    out.push(`CREATE TABLE ${t} ${body} PARTITION BY RANGE (date)`);
    for (const y of years) {
      const range = `FOR VALUES FROM ('${y}-09-01') TO ('${y + 1}-09-01')`;
      if (s === 'year') out.push(`CREATE TABLE ${t}_y${y} PARTITION OF ${t} ${range}`);
      else {
        out.push(
          `CREATE TABLE ${t}_y${y} PARTITION OF ${t} ${range} PARTITION BY HASH (school_id)`,
        );
        out.push(...hashParts(`${t}_y${y}`));
      }
    }
  }
  out.push(`CREATE INDEX ${t}_pull ON ${t} (school_id, server_seq)`);
  return out;
}

/**
 * Rows of the schools whose ordinals `where` picks, on the days `daysWhere` picks: each student
 * one row a day, about 85% present, 8% absent, 4% late, 3% excused. Server sequence: the
 * school's ordinal (a first push takes one number per batch).
 */
const rowsSql = (where: string, daysWhere: string, seq = 's.i::bigint') => `
  SELECT st.school_id, (st.id || '/' || d.date) COLLATE "C" AS id, st.id AS student_id,
         NULL::text AS class_id, d.date,
         CASE WHEN h < 85 THEN 'present' WHEN h < 93 THEN 'absent' WHEN h < 97 THEN 'late'
              ELSE 'excused' END AS status,
         CASE WHEN h BETWEEN 93 AND 96 THEN 10 END AS minutes_late, NULL::text AS note,
         s.teacher AS recorded_by, 1::bigint AS version, NULL::text AS deleted_at,
         ${seq} AS server_seq, 'laptop-' || s.i AS origin
    FROM b_schools s
    JOIN b_students st ON st.i = s.i
    CROSS JOIN b_days d
    CROSS JOIN LATERAL (SELECT abs(hashtext(st.id || d.date)) % 100 AS h) hh
   WHERE ${where} AND ${daysWhere}`;

const TICK = 100; // USER_HZ
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) / TICK) * 1000;
  } catch {
    return NaN;
  }
}

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Actual Loops'?: number;
  'Subplans Removed'?: number;
  Plans?: PlanNode[];
}
interface Explained {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}

/** The leaf partitions of `t` a plan names, and those it executed. */
function partitionsOf(plan: PlanNode, t: string) {
  const planned = new Set<string>();
  const executed = new Set<string>();
  const leaf = new RegExp(`^${t}_(y\\d+_)?p\\d+$|^${t}_y\\d+$`);
  const walk = (n: PlanNode) => {
    const rel = n['Relation Name'];
    if (rel && leaf.test(rel)) {
      planned.add(rel);
      if ((n['Actual Loops'] ?? 0) > 0) executed.add(rel);
    }
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(plan);
  return { planned: planned.size, executed: executed.size };
}

interface Sample {
  execMs: number;
  planMs: number;
  cpuMs: number;
  planned: number | null;
  executed: number | null;
  written?: number;
}
const results = new Map<string, Map<Scheme, Sample[]>>();
const order: string[] = [];
function keep(query: string, s: Scheme, sample: Sample) {
  if (!results.has(query)) {
    results.set(query, new Map());
    order.push(query);
  }
  const byScheme = results.get(query);
  if (!byScheme) return;
  byScheme.set(s, [...(byScheme.get(s) ?? []), sample]);
}

async function main() {
  const name = `beacon_partbench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await run(c);
  } finally {
    await c.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function run(c: pg.Client) {
  const pid = Number((await c.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]?.p);
  await c.query('SET max_parallel_workers_per_gather = 0');
  const newSchools = ROUNDS; // one fresh school per round for the first push
  await c.query(`CREATE UNLOGGED TABLE b_schools AS
    SELECT i, md5('school-' || i)::uuid::text AS id, md5('teacher-' || i)::uuid::text AS teacher
      FROM generate_series(0, ${SCHOOLS + newSchools - 1}) i`);
  await c.query(`CREATE UNLOGGED TABLE b_students AS
    SELECT s.i, s.id AS school_id, md5(s.id || '/' || k)::uuid::text AS id
      FROM b_schools s, generate_series(0, ${STUDENTS - 1}) k`);
  // DAYS weekdays from the start of each school year; the days after them in the current year
  // are the daily pushes' (one a round).
  await c.query(`CREATE UNLOGGED TABLE b_days AS
    SELECT date, y, n FROM (
      SELECT d::date AS date, y, row_number() OVER (PARTITION BY y ORDER BY d) AS n
        FROM generate_series(${YEARS[0]}, ${YEARS.at(-1)}) y,
             generate_series(make_date(y, 9, 1), make_date(y + 1, 8, 31), '1 day') d
       WHERE extract(isodow FROM d) < 6) x
     WHERE n <= ${DAYS + ROUNDS}`);
  const later = (
    await c.query<{ date: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM b_days
        WHERE y = ${YEARS.at(-1)} AND n > ${DAYS} ORDER BY n`,
    )
  ).rows.map((r) => r.date);
  const loaded = `n <= ${DAYS}`;
  await c.query(`CREATE SEQUENCE b_seq START WITH 1000000`);
  await c.query(
    `CREATE UNLOGGED TABLE b_src AS ${rowsSql(`s.i < ${SCHOOLS}`, `d.${loaded}`)} ORDER BY 1, 2`,
  );
  const total = Number(
    (await c.query<{ n: string }>('SELECT count(*) AS n FROM b_src')).rows[0]?.n,
  );
  console.log(
    `${SCHOOLS} schools x ${STUDENTS} students x ${DAYS} days x ${YEARS.length} years = ${total} rows per layout; ${ROUNDS} rounds`,
  );

  const load: Record<string, number> = {};
  for (const s of schemes) {
    for (const sql of ddl(s)) await c.query(sql);
    const t0 = performance.now();
    const cpu0 = cpuOf(pid);
    await c.query(`INSERT INTO ${table(s)} SELECT * FROM b_src ORDER BY school_id, id`);
    load[s] = performance.now() - t0;
    load[`${s}.cpu`] = cpuOf(pid) - cpu0;
    await c.query(`VACUUM ANALYZE ${table(s)}`);
  }
  await c.query('DROP TABLE b_src');
  const sizes = new Map<Scheme, { heap: number; indexes: number }>();
  for (const s of schemes) {
    const r = await c.query<{ heap: string; idx: string }>(
      `SELECT sum(pg_table_size(relid)) AS heap, sum(pg_indexes_size(relid)) AS idx
         FROM pg_partition_tree('${table(s)}') WHERE isleaf`,
    );
    sizes.set(s, { heap: Number(r.rows[0]?.heap), indexes: Number(r.rows[0]?.idx) });
  }

  const schoolOf = async (ordinal: number) =>
    String(
      (await c.query<{ id: string }>('SELECT id FROM b_schools WHERE i = $1', [ordinal])).rows[0]
        ?.id,
    );

  /** Runs `sql` under EXPLAIN ANALYZE (so it executes), keeping the server's figures. */
  const explained = async (query: string, s: Scheme, sql: string, settings: string[] = []) => {
    await c.query('BEGIN');
    try {
      for (const set of settings) await c.query(`SET LOCAL ${set}`);
      const cpu0 = cpuOf(pid);
      const r = await c.query<{ 'QUERY PLAN': Explained[] }>(
        `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`,
      );
      const cpuMs = cpuOf(pid) - cpu0;
      await c.query('COMMIT');
      const e = r.rows[0]?.['QUERY PLAN'][0];
      if (!e) throw new Error(`no plan for ${query}`);
      const parts = partitionsOf(e.Plan, table(s));
      if (plansFile && !results.get(query)?.get(s)?.length)
        appendFileSync(plansFile, `${JSON.stringify({ query, layout: s, plan: e })}\n`);
      keep(query, s, {
        execMs: e['Execution Time'],
        planMs: e['Planning Time'],
        cpuMs,
        planned: parts.planned,
        executed: parts.executed,
      });
      return e;
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    }
  };
  /** The partitions holding rows of one push (tuple routing is not in a plan). */
  const written = async (s: Scheme, school: string, seq: number) =>
    Number(
      (
        await c.query<{ n: string }>(
          `SELECT count(DISTINCT tableoid) AS n FROM ${table(s)} WHERE school_id = $1 AND server_seq = $2`,
          [school, seq],
        )
      ).rows[0]?.n,
    );
  const markWritten = (query: string, s: Scheme, n: number) => {
    const last = results.get(query)?.get(s)?.at(-1);
    if (last) last.written = n;
  };
  // A push's statements: the merge names the school as a constant, with hash and merge joins
  // off (push.ts); the summary refresh's settings are the function's (0046, 0047, 0049).
  const pushSettings = ['enable_hashjoin = off', 'enable_mergejoin = off'];
  const refreshSettings = [
    'enable_seqscan = off',
    'enable_hashjoin = off',
    'enable_mergejoin = off',
    'enable_bitmapscan = off',
    'enable_material = off',
  ];

  for (let round = 0; round < ROUNDS; round++) {
    const rotated = schemes.map((_, i) => schemes[(i + round) % schemes.length] as Scheme);
    const fresh = SCHOOLS + round;
    const freshId = await schoolOf(fresh);
    const school = await schoolOf((round * 7) % SCHOOLS);
    const day = later[round] ?? '';
    const before = new Map<Scheme, number>();

    // 1. A school's first push: its whole history (both years) from staging, in key order.
    for (const s of rotated) {
      const t = table(s);
      await c.query(
        `CREATE TEMP TABLE stage AS ${rowsSql(`s.i = ${fresh}`, `d.${loaded}`, '0')} ORDER BY random()`,
      );
      await c.query('ANALYZE stage');
      const seq = Number((await c.query<{ v: string }>(`SELECT nextval('b_seq') AS v`)).rows[0]?.v);
      await explained(
        'first push (insert from staging)',
        s,
        `INSERT INTO ${t} (${list}, server_seq, origin)
           SELECT ${list}, ${seq}, 'laptop-new' FROM stage ORDER BY id`,
        pushSettings,
      );
      await c.query('DROP TABLE stage');
      if (round === 0)
        markWritten('first push (insert from staging)', s, await written(s, freshId, seq));
    }

    // 2. A day's push of an existing school: new rows (insertNew), then another laptop's
    //    version of the same rows through the full merge (the conflict probe and the upsert).
    for (const s of rotated) {
      const t = table(s);
      before.set(
        s,
        Number((await c.query<{ v: string }>(`SELECT last_value AS v FROM b_seq`)).rows[0]?.v),
      );
      await c.query(
        `CREATE TEMP TABLE stage AS ${rowsSql(`s.id = '${school}'`, `d.date = '${day}'`, '0')}`,
      );
      await c.query('ANALYZE stage');
      const seq = Number((await c.query<{ v: string }>(`SELECT nextval('b_seq') AS v`)).rows[0]?.v);
      await explained(
        'daily push (new rows)',
        s,
        `INSERT INTO ${t} (${list}, server_seq, origin)
           SELECT ${list}, ${seq}, 'laptop-a' FROM stage ORDER BY id`,
        pushSettings,
      );
      if (round === 0) markWritten('daily push (new rows)', s, await written(s, school, seq));
      await c.query(`UPDATE stage SET version = version + 1, status = 'absent'`);
      // The conflict probe (merge-sql.ts sameRowConflicts' join), as written: by id only.
      const probe = (extra: string) => `SELECT count(*) FROM stage s JOIN ${t} t
           ON t.school_id = '${school}' AND t.id = s.id ${extra}
         WHERE s.school_id = '${school}' AND t.origin <> 'laptop-b' AND t.server_seq > 0
           AND t.version <> s.version`;
      await explained('daily merge: conflict probe (by id)', s, probe(''), pushSettings);
      await explained(
        'daily merge: conflict probe (+date)',
        s,
        probe('AND t.date = s.date'),
        pushSettings,
      );
      const seq2 = Number(
        (await c.query<{ v: string }>(`SELECT nextval('b_seq') AS v`)).rows[0]?.v,
      );
      await explained(
        'daily merge: upsert',
        s,
        `INSERT INTO ${t} (${list}, server_seq, origin)
           SELECT ${list}, ${seq2}, 'laptop-b' FROM stage ORDER BY id
         ON CONFLICT (${keyOf(s)}) DO UPDATE SET status = EXCLUDED.status,
           version = EXCLUDED.version, server_seq = EXCLUDED.server_seq, origin = EXCLUDED.origin
         WHERE ${t}.version < EXCLUDED.version`,
        pushSettings,
      );
      await c.query('DROP TABLE stage');
    }

    // 3. One school's reads.
    for (const s of rotated) {
      const t = table(s);
      const clock = before.get(s) ?? 0;
      const top = Number(
        (await c.query<{ v: string }>(`SELECT last_value AS v FROM b_seq`)).rows[0]?.v,
      );
      const pull = (since: number) => `SELECT ${list}, server_seq FROM ${t}
          WHERE school_id = '${school}' AND (server_seq, id) > (${since}::bigint, ''::text)
            AND server_seq <= ${top} AND origin <> 'laptop-c'
          ORDER BY server_seq, id LIMIT 20000`;
      await explained("pull: a day's changes since a clock", s, pull(clock));
      await explained('pull: first page from 0 (new laptop)', s, pull(0));
      await explained(
        'summary: staleness probe, max(server_seq)',
        s,
        `SELECT coalesce(max(server_seq), 0) FROM ${t} WHERE school_id = '${school}'`,
        refreshSettings,
      );
      const pairs = (extra: string) => `
        WITH pairs AS (
          SELECT DISTINCT a.student_id, date_trunc('month', a.date)::date AS month
            FROM ${t} a WHERE a.school_id = '${school}' AND a.server_seq > ${clock}
        )
        SELECT p.student_id, p.month,
               count(*) FILTER (WHERE a.status IN ('present', 'late')) AS attended,
               count(*) FILTER (WHERE a.status = 'absent') AS absent
          FROM pairs p
          LEFT JOIN ${t} a
            ON a.school_id = '${school}'
           AND a.id >= p.student_id || '/' || to_char(p.month, 'YYYY-MM') COLLATE "C"
           AND a.id < p.student_id || '/' || to_char(p.month + interval '1 month', 'YYYY-MM') COLLATE "C"
           ${extra}
           AND a.deleted_at IS NULL
         GROUP BY p.student_id, p.month`;
      await explained("summary: a day's (student, month) recount", s, pairs(''), refreshSettings);
      await explained(
        "summary: a day's recount (+date range)",
        s,
        pairs(`AND a.date >= p.month AND a.date < p.month + interval '1 month'`),
        refreshSettings,
      );
      await explained(
        "summary: a school's first build (0049)",
        s,
        `SELECT a.student_id, date_trunc('month', a.date)::date,
                count(*) FILTER (WHERE a.deleted_at IS NULL AND a.status IN ('present', 'late')),
                count(*) FILTER (WHERE a.deleted_at IS NULL AND a.status = 'absent')
           FROM ${t} a WHERE a.school_id = '${school}' AND a.server_seq <= ${top}
          GROUP BY 1, 2`,
        [...refreshSettings, 'enable_sort = off'],
      );
      await explained(
        "one school's year by month (no summaries)",
        s,
        `SELECT date_trunc('month', date) AS m,
                count(*) FILTER (WHERE status IN ('present', 'late')),
                count(*) FILTER (WHERE status = 'absent')
           FROM ${t} WHERE school_id = '${school}' AND date >= '${CURRENT}'
            AND date < date '${CURRENT}' + interval '1 year'
          GROUP BY 1`,
      );
    }

    // 4. The district over one school year, every school (no summaries).
    for (const s of rotated) {
      const t = table(s);
      await explained(
        'district: the current year by school and month',
        s,
        `SELECT school_id, date_trunc('month', date) AS m,
                count(*) FILTER (WHERE status IN ('present', 'late')),
                count(*) FILTER (WHERE status = 'absent')
           FROM ${t} WHERE date >= '${CURRENT}' AND date < date '${CURRENT}' + interval '1 year'
          GROUP BY 1, 2`,
      );
    }
    process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
  }

  // 5. Retiring the old school year: rolled back each round, then once for real.
  const old = YEARS[0] ?? 0;
  const retire = async (s: Scheme, commit: boolean) => {
    const t = table(s);
    await c.query('BEGIN');
    const t0 = performance.now();
    const cpu0 = cpuOf(pid);
    let rows = 0;
    if (s === 'hash') {
      rows = (await c.query(`DELETE FROM ${t} WHERE date < '${old + 1}-09-01'`)).rowCount ?? 0;
    } else {
      await c.query(`ALTER TABLE ${t} DETACH PARTITION ${t}_y${old}`);
      await c.query(`DROP TABLE ${t}_y${old}`);
    }
    await c.query(commit ? 'COMMIT' : 'ROLLBACK');
    const ms = performance.now() - t0;
    const cpuMs = cpuOf(pid) - cpu0;
    return { ms, cpuMs, rows };
  };
  const retireRounds = Math.min(ROUNDS, 3);
  for (let round = 0; round < retireRounds; round++) {
    const rotated = schemes.map((_, i) => schemes[(i + round) % schemes.length] as Scheme);
    for (const s of rotated) {
      const r = await retire(s, false);
      keep('retire 2024-25 (rolled back)', s, {
        execMs: r.ms,
        planMs: 0,
        cpuMs: r.cpuMs,
        planned: null,
        executed: null,
      });
    }
  }
  const final = new Map<Scheme, string>();
  for (const s of schemes) {
    const r = await retire(s, true);
    let vacuum = '';
    if (s === 'hash') {
      const t0 = performance.now();
      const cpu0 = cpuOf(pid);
      await c.query(`VACUUM ${table(s)}`);
      vacuum = `, then VACUUM ${(performance.now() - t0).toFixed(0)} ms (server CPU ${(cpuOf(pid) - cpu0).toFixed(0)} ms)`;
    }
    final.set(
      s,
      `${s === 'hash' ? `DELETE of ${r.rows} rows` : 'DETACH + DROP'} committed: ${r.ms.toFixed(0)} ms (server CPU ${r.cpuMs.toFixed(0)} ms)${vacuum}`,
    );
  }

  // The table.
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const rows: string[][] = [];
  for (const query of order) {
    const byScheme = results.get(query);
    const base = median((byScheme?.get('hash') ?? []).map((x) => x.execMs));
    for (const s of schemes) {
      const xs = byScheme?.get(s) ?? [];
      if (!xs.length) continue;
      const exec = median(xs.map((x) => x.execMs));
      const first = xs[0];
      const parts =
        first === undefined || first.planned === null
          ? ''
          : first.written !== undefined
            ? `wrote ${first.written} of ${leafCount[s]}`
            : `${first.executed}/${first.planned} of ${leafCount[s]}`;
      rows.push([
        s === 'hash' ? query : '',
        s,
        fmt(exec),
        s === 'hash' ? '1' : (exec / base).toFixed(2),
        fmt(median(xs.map((x) => x.planMs))),
        fmt(median(xs.map((x) => x.cpuMs))),
        parts,
        xs.map((x) => fmt(x.execMs)).join(' '),
      ]);
    }
  }
  const header = [
    'statement',
    'layout',
    'exec ms',
    'vs hash',
    'plan ms',
    'cpu ms',
    'partitions run/planned',
    'runs (ms)',
  ];
  console.log('');
  for (const line of tableLines(header, rows)) console.log(line);
  console.log('');
  for (const s of schemes) {
    const size = sizes.get(s);
    console.log(
      `${s}: bulk load ${(load[s] ?? 0).toFixed(0)} ms (server CPU ${(load[`${s}.cpu`] ?? 0).toFixed(0)} ms); ` +
        `heap ${((size?.heap ?? 0) / 2 ** 20).toFixed(0)} MiB, indexes ${((size?.indexes ?? 0) / 2 ** 20).toFixed(0)} MiB; ` +
        `retire: ${final.get(s) ?? ''}`,
    );
  }
  console.log(
    "\nexec ms: median of the server's execution time (EXPLAIN ANALYZE, TIMING OFF; client wall for the retire rows); " +
      "vs hash: that median over hash's; cpu ms: the backend's CPU (10 ms ticks); " +
      'partitions: leaf partitions the plan executed / named, in the first round.',
  );
}

await main();
