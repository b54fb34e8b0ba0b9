import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { addDistrictAdmin } from '../../../main/backend/central/central-admin';
import { migrateCentral } from '../../../main/backend/central/central-schema';
import { parseCentralUrl } from '../../../main/backend/central/central-url';
import { roleTag } from '../../../main/backend/central/role-names';

const serverUrl = process.env.BEACON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** First day of the month `back` months before `today` (YYYY-MM-DD). */
function monthStart(today: Date, back: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 10);
}

type Mark = 'present' | 'absent';
interface SchoolSeed {
  code: string;
  name: string;
  /** Per student: tier (or none), and the five marks of each of the two months. */
  students: { tier: 'high' | 'medium' | 'low' | null; first: Mark[]; second: Mark[] }[];
  interventions: { status: 'active' | 'planned' | 'completed'; overdue: boolean }[];
}

/**
 * Three schools of a district, as merges would leave them on the central server, with figures
 * known by construction, over the two months before today (the school year starts with the
 * first, so both are in the report's year). Vale's dropout is enrolled at Norte: one probable
 * transfer.
 */
export const districtSchools: SchoolSeed[] = [
  {
    code: 'VALE',
    name: 'Escola do Vale',
    students: [
      // 3 of 10 days: the chronic one. First month 18/20 = 90%, second 15/20 = 75%.
      {
        tier: 'high',
        first: ['absent', 'absent'],
        second: ['absent', 'absent', 'absent', 'absent', 'absent'],
      },
      { tier: 'medium', first: [], second: [] },
      { tier: 'low', first: [], second: [] },
      { tier: null, first: [], second: [] },
    ],
    interventions: [
      { status: 'active', overdue: true },
      { status: 'completed', overdue: false },
    ],
  },
  {
    code: 'NORTE',
    name: 'Escola do Norte',
    students: [
      { tier: 'low', first: [], second: [] },
      { tier: 'low', first: [], second: [] },
    ],
    interventions: [],
  },
  {
    code: 'SUL',
    name: 'Escola do Sul',
    students: [
      // 8 of 10 days: chronic. First month 15/15 = 100%, second 13/15.
      { tier: 'high', first: [], second: ['absent', 'absent'] },
      { tier: 'high', first: [], second: [] },
      { tier: 'medium', first: [], second: [] },
    ],
    interventions: [{ status: 'planned', overdue: false }],
  },
];

export interface DistrictWorld {
  url: string;
  /** The two months of attendance, YYYY-MM. */
  months: [string, string];
  admin: { text: string; code: string; role: string };
  drop(): Promise<void>;
}

/** A fresh central database on the test server with the schools above and a district admin. */
export async function districtWorld(dir: string, today = new Date()): Promise<DistrictWorld> {
  const database = `beacon_e2e_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`));
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  const url = u.toString();
  const target = parseCentralUrl(url);
  await migrateCentral(target);
  const first = monthStart(today, 2);
  const second = monthStart(today, 1);
  await onServer(url, async (c) => {
    let n = 0;
    const row = (table: string, values: Record<string, unknown>) => {
      const cols = Object.keys(values);
      return c.query(
        `INSERT INTO ${table} (${cols.join(', ')}, version, server_seq, origin)
         VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, 1, nextval('server_seq'), 'e2e')`,
        Object.values(values),
      );
    };
    const stamp = `${first}T08:00:00.000Z`;
    for (const school of districtSchools) {
      const schoolId = `school-${school.code.toLowerCase()}`;
      await row('schools', {
        id: schoolId,
        name: school.name,
        timezone: 'UTC',
        school_year_start_month: Number(first.slice(5, 7)),
        created_at: stamp,
        updated_at: stamp,
      });
      await c.query(
        'INSERT INTO school_accounts (code, role_name, school_id) VALUES ($1, $2, $3)',
        [school.code, `${roleTag(database)}_s_${school.code.toLowerCase()}`, schoolId],
      );
      for (const [i, s] of school.students.entries()) {
        const id = `${schoolId}-st-${i + 1}`;
        await row('students', {
          school_id: schoolId,
          id,
          student_number: `${school.code}${i + 1}`,
          national_number: `NAT-${school.code}-${i + 1}`,
          first_name: `Student${i + 1}`,
          last_name: school.code,
          status: 'active',
          created_at: stamp,
          updated_at: stamp,
        });
        for (const [month, marks] of [
          [first, s.first],
          [second, s.second],
        ] as const) {
          for (let d = 0; d < 5; d++) {
            const date = `${month.slice(0, 8)}${String(10 + d).padStart(2, '0')}`;
            await row('attendance', {
              school_id: schoolId,
              id: `${id}/${date}`,
              student_id: id,
              date,
              status: marks[d] ?? 'present',
            });
          }
        }
        if (s.tier) {
          await c.query(
            `INSERT INTO risk_tiers (school_id, student_id, tier, score, scored_at) VALUES ($1, $2, $3, 0.5, $4)`,
            [schoolId, id, s.tier, stamp],
          );
        }
      }
      for (const iv of school.interventions) {
        n += 1;
        await row('interventions', {
          school_id: schoolId,
          id: `iv-${n}`,
          student_id: `${schoolId}-st-1`,
          type: 'Mentoring',
          start_date: first,
          review_date: iv.overdue ? first : '2099-01-01',
          status: iv.status,
          created_at: stamp,
          updated_at: stamp,
        });
      }
    }
    // Vale's dropout, enrolled at Norte under the same national number.
    await row('students', {
      school_id: 'school-vale',
      id: 'school-vale-dropout',
      student_number: 'VALE9',
      national_number: 'NAT-MOVED',
      first_name: 'Moved',
      last_name: 'Away',
      status: 'dropped_out',
      created_at: stamp,
      updated_at: stamp,
    });
    await row('student_status_changes', {
      school_id: 'school-vale',
      id: 'sc-dropout',
      student_id: 'school-vale-dropout',
      status: 'dropped_out',
      effective_date: `${first.slice(0, 8)}20`,
      created_at: stamp,
      updated_at: stamp,
    });
    await c.query(
      `UPDATE students SET national_number = 'NAT-MOVED', entry_date = $1 WHERE id = 'school-norte-st-2'`,
      [`${second.slice(0, 8)}03`],
    );
  });
  const file = join(dir, 'maria.beacon-connection');
  const added = await addDistrictAdmin(target, 'maria', file);
  return {
    url,
    months: [first.slice(0, 7), second.slice(0, 7)],
    admin: { text: readFileSync(file, 'utf8'), code: added.enrolmentCode, role: added.role },
    async drop() {
      await onServer(serverUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        const roles = await c.query<{ rolname: string }>(
          'SELECT rolname FROM pg_roles WHERE rolname LIKE $1',
          [`${roleTag(database)}%`],
        );
        for (const r of roles.rows) await c.query(`DROP ROLE IF EXISTS ${r.rolname}`);
      });
    },
  };
}
