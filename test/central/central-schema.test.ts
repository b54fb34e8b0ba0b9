import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrateCentral } from '../../main/backend/central/central-schema';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import { useTempDir } from '../support/temp-dir';
import { centralWithSchool, connectedLaptop } from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();

describe('central schema', () => {
  it('creates every table with school_id leading its keys, and migrating twice changes nothing', async () => {
    const url = await newDatabase();
    const target = parseCentralUrl(url);
    await migrateCentral(target);
    await migrateCentral(target);
    const keys = await asAdmin(url, (c) =>
      c.query<{ table: string; def: string }>(
        `SELECT c.conrelid::regclass::text AS table, pg_get_constraintdef(c.oid) AS def
           FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
          WHERE c.contype IN ('p', 'u') AND r.relkind IN ('r', 'p') AND r.relispartition = false
            AND r.relnamespace = 'public'::regnamespace
            AND r.relname NOT IN ('knex_migrations', 'knex_migrations_lock', 'school_accounts')`,
      ),
    );
    expect(keys.rows.length).toBeGreaterThan(15);
    for (const k of keys.rows) {
      const first = /\(([^,)]+)/.exec(k.def)?.[1];
      expect(first, `${k.table}: ${k.def}`).toBe(k.table === 'schools' ? 'id' : 'school_id');
    }
  });

  it('a query for one school reads only its partition of attendance, marks and the audit log', async () => {
    const url = await newDatabase();
    await migrateCentral(parseCentralUrl(url));
    for (const table of ['attendance', 'marks', 'audit_log']) {
      const plan = await asAdmin(url, (c) =>
        c.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT * FROM ${table} WHERE school_id = 'school-a'`,
        ),
      );
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      const scanned = new Set(text.match(new RegExp(`${table}_p\\d+`, 'g')));
      expect(scanned.size, text).toBe(1);
    }
  });

  it("a school's role sees zero rows of another school and cannot write them (nor change its audit log)", async () => {
    const url = await newDatabase();
    const dir = tempDir();
    const a = await centralWithSchool(url, dir, 'A');
    const b = await centralWithSchool(url, dir, 'B');
    const laptopA = await connectedLaptop(tempDir(), a);
    const laptopB = await connectedLaptop(tempDir(), b);
    await laptopA.sync();
    await laptopB.sync();
    const total = await asAdmin(url, (c) =>
      c.query<{ n: string }>('SELECT count(*) AS n FROM schools'),
    );
    expect(Number(total.rows[0]?.n)).toBe(2);

    const password = await laptopA.secrets.get('sync-password');
    const asA = new pg.Client({ ...connectionOf(url), user: a.role, password: password ?? '' });
    await asA.connect();
    try {
      const seen = await asA.query<{ id: string }>('SELECT id FROM schools');
      expect(seen.rows.map((r) => r.id)).toEqual([laptopA.schoolId]);
      const other = await asA.query('SELECT * FROM school_calendar WHERE school_id = $1', [
        laptopB.schoolId,
      ]);
      expect(other.rowCount).toBe(0);
      await expect(
        asA.query(
          `INSERT INTO school_calendar (school_id, id, date, kind, created_at, updated_at, version, server_seq, origin)
           VALUES ($1, 'forged', '2025-01-01', 'holiday', 'x', 'x', 1, 1, 'x')`,
          [laptopB.schoolId],
        ),
      ).rejects.toThrow(/row-level security/);
      const updated = await asA.query(
        `UPDATE school_calendar SET note = 'forged' WHERE school_id = $1`,
        [laptopB.schoolId],
      );
      expect(updated.rowCount).toBe(0);
      await expect(asA.query('DELETE FROM students')).rejects.toThrow(/permission denied/);
      // The audit log (it travels since 0050): both schools' entries are on the server, the
      // school's role sees its own only, cannot slip one in for another school, and, the log
      // being append-only, cannot rewrite or remove even its own.
      const audit = await asAdmin(url, (c) =>
        c.query<{ school_id: string; n: number }>(
          'SELECT school_id, count(*)::int AS n FROM audit_log GROUP BY school_id ORDER BY n',
        ),
      );
      const ofA = audit.rows.find((r) => r.school_id === laptopA.schoolId)?.n ?? 0;
      expect(ofA).toBeGreaterThan(0);
      expect(audit.rows.find((r) => r.school_id === laptopB.schoolId)?.n).toBeGreaterThan(0);
      const seenAudit = await asA.query<{ school_id: string; n: number }>(
        'SELECT school_id, count(*)::int AS n FROM audit_log GROUP BY school_id',
      );
      expect(seenAudit.rows).toEqual([{ school_id: laptopA.schoolId, n: ofA }]);
      await expect(
        asA.query(
          `INSERT INTO audit_log (school_id, id, at, action, entity, origin)
           VALUES ($1, 'forged', 'x', 'other', 'x', 'x')`,
          [laptopB.schoolId],
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(asA.query(`UPDATE audit_log SET action = 'other'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(asA.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
      // The school's own queries name no school: row-level security adds it, and the executor
      // still reads only the school's one partition. The policy's school comes from an init plan
      // (migration 0047), so the other seven are pruned as the query runs: never executed.
      const plan = await asA.query<{ 'QUERY PLAN': string }>(
        'EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM attendance',
      );
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text.match(/on attendance_p\d.*\(never executed\)/g), text).toHaveLength(7);
      expect(text.match(/on attendance_p\d.*\(actual /g), text).toHaveLength(1);
    } finally {
      await asA.end();
    }
    const forged = await asAdmin(url, (c) =>
      c.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM school_calendar WHERE note = 'forged' OR id = 'forged')
           + (SELECT count(*) FROM audit_log WHERE id = 'forged') AS n`,
      ),
    );
    expect(Number(forged.rows[0]?.n)).toBe(0);
    const rls = await asAdmin(url, (c) =>
      c.query<{ relname: string }>(
        `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
           AND NOT relispartition AND relname NOT LIKE 'knex%' AND NOT (relrowsecurity AND relforcerowsecurity)`,
      ),
    );
    expect(rls.rows).toEqual([]);
    laptopA.backend.close();
    laptopB.backend.close();
  });
});

function connectionOf(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), database: u.pathname.slice(1) };
}
