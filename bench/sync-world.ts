import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AttendanceStatus } from '../contract';
import { newId, openDatabase, type Db } from '../db';
import { writeAttendance } from '../main/backend/services/attendance-rows';
import { withOperation } from '../main/backend/services/changes';
import { addSchool } from '../main/backend/central/central-admin';
import { migrateCentral } from '../main/backend/central/central-schema';
import { parseCentralUrl, type CentralTarget } from '../main/backend/central/central-url';
import { roleTag } from '../main/backend/central/role-names';
import { fileSecretStore } from '../main/backend/secrets/file-secret-store';
import type { SecretStore } from '../main/backend/secrets/secret-store';
import { connectLaptop } from '../main/backend/sync/connect-laptop';
import { copyChunks } from '../main/backend/sync/copy-text';
import { compactAttendanceColumns } from '../main/backend/sync/outbox-reader';
import { makeAttendanceSchool, weekdays } from '../test/fixtures/import/large-attendance';

/** The server the sync benchmarks use: BEACON_TEST_PG_URL, or the local PostgreSQL. */
const serverUrl = process.env.BEACON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface BenchCentral {
  url: string;
  target: CentralTarget;
  /** A connection file and its code for the school VALE. */
  file: { text: string; code: string };
  /** Drops the database and the roles made for it. */
  drop(): Promise<void>;
}

/** A fresh central database on the server, set up, with one school account. */
export async function benchCentral(dir: string): Promise<BenchCentral> {
  const name = `beacon_bench_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const target = parseCentralUrl(url);
  await migrateCentral(target);
  const path = join(dir, 'VALE.beacon-connection');
  const added = await addSchool(target, 'VALE', path);
  return {
    url,
    target,
    file: { text: readFileSync(path, 'utf8'), code: added.enrolmentCode },
    drop: async () => {
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        const roles = await c.query<{ rolname: string }>(
          'SELECT rolname FROM pg_roles WHERE rolname LIKE $1',
          [`${roleTag(name)}%`],
        );
        for (const r of roles.rows) await c.query(`DROP ROLE IF EXISTS ${r.rolname}`);
      } finally {
        await c.end();
      }
    },
  };
}

const statuses = ['present', 'present', 'present', 'present', 'absent', 'late', 'excused'];

/** Students per register save when a day is written as registers (`audited`). */
const CLASS_SIZE = 30;

/**
 * Saves one attendance row per student per day through core's one attendance writer (its clock
 * version and outbox entry, as the register writes), in one transaction. Answers the rows
 * written. By default each 30 students' day is one audited operation, as a register save is (one
 * entry listing its 30 rows): 167 entries for a 5,000-student day, and they travel since the audit
 * log does. `audited = false` gives each row an entry of its own instead (as 5,000 single edits
 * would): BEACON_BENCH_AUDIT_PER_ROW=1 runs the sync benchmarks that way.
 */
export function writeAttendanceDays(
  db: Db,
  schoolId: string,
  studentIds: readonly string[],
  days: readonly string[],
  audited = process.env.BEACON_BENCH_AUDIT_PER_ROW !== '1',
): number {
  let k = 0;
  const write = (date: string, students: readonly string[]) => {
    for (const studentId of students) {
      const status = statuses[k++ % statuses.length] as AttendanceStatus;
      writeAttendance(
        db,
        { schoolId, userId: null },
        { studentId, date, classId: null, status, minutesLate: null, note: null },
        null,
        { unaudited: !audited },
      );
    }
  };
  db.transaction(() => {
    for (const date of days) {
      if (!audited) {
        write(date, studentIds);
        continue;
      }
      for (let i = 0; i < studentIds.length; i += CLASS_SIZE) {
        const operation = {
          schoolId,
          userId: null,
          action: 'update' as const,
          entity: 'attendance',
        };
        withOperation(db, { ...operation, context: { date } }, () =>
          write(date, studentIds.slice(i, i + CLASS_SIZE)),
        );
      }
    }
  })();
  return k;
}

export interface BenchLaptop {
  db: Db;
  schoolId: string;
  studentIds: string[];
  days: string[];
  secrets: SecretStore;
  close(): void;
}

/**
 * A laptop database with a school of `students` students and `days` days of attendance, every
 * row in the outbox (as a school that has never synced), connected to the central server.
 */
export async function benchLaptop(
  dir: string,
  central: BenchCentral,
  students: number,
  days: number,
): Promise<BenchLaptop> {
  const path = join(dir, `laptop-${newId()}.sqlite`);
  const school = await makeAttendanceSchool(path, students, Math.max(days, 1));
  const { db } = await openDatabase(path);
  db.transaction(() => {
    for (const table of ['schools', 'students', 'school_calendar']) {
      // The outbox as core keeps it: one entry per row, the table by its code.
      db.prepare('INSERT OR IGNORE INTO sync_tables (name) VALUES (?)').run(table);
      db.prepare(
        `INSERT OR REPLACE INTO sync_changes (table_code, row_key, deleted, payload)
         SELECT (SELECT code FROM sync_tables WHERE name = '${table}'), id, 0, NULL FROM ${table}`,
      ).run();
    }
  })();
  const dayList = weekdays(Math.max(days, 1)).slice(0, days);
  writeAttendanceDays(db, school.schoolId, school.studentIds, dayList);
  const secrets = fileSecretStore(join(dir, `secrets-${newId()}`));
  await connectLaptop(db, secrets, central.file.text, central.file.code);
  return {
    db,
    schoolId: school.schoolId,
    studentIds: school.studentIds,
    days: dayList,
    secrets,
    close: () => db.close(),
  };
}

/** A temp folder for one benchmark, removed by the returned function. */
export function benchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The columns a push sends, as the central table has them (attendance's id is its key). */
const pushedColumns = [...compactAttendanceColumns];

/** The laptop's attendance as a push sends it, read into memory for the plain COPY baseline. */
export function attendanceAsPushed(db: Db): Record<string, unknown>[] {
  const select = pushedColumns.map((c) => (c === 'id' ? "student_id || '/' || date AS id" : c));
  return db.prepare(`SELECT ${select.join(', ')} FROM attendance`).all() as Record<
    string,
    unknown
  >[];
}

/**
 * The first push's baseline: a plain COPY of the same rows, already in memory, into an
 * unindexed table on `client`'s server. Answers its milliseconds.
 */
export async function plainCopyMs(
  client: pg.Client,
  rows: Record<string, unknown>[],
): Promise<number> {
  const columns = pushedColumns.join(', ');
  await client.query(`CREATE TABLE plain_copy AS SELECT ${columns} FROM attendance WITH NO DATA`);
  const started = performance.now();
  await pipeline(
    Readable.from(copyChunks(rows, pushedColumns)),
    client.query(copyFrom(`COPY plain_copy (${columns}) FROM STDIN`)),
  );
  return performance.now() - started;
}

/**
 * The first push's second context figure, beside the one above: a plain COPY of the same rows into
 * a table with attendance's real layout, built from the live table's definition (its columns and
 * collations, its primary key and pull index, partitioned by the same key into the same
 * partitions), without row-level security, under which PostgreSQL refuses COPY FROM. The two
 * server columns a push writes, server_seq and origin, take one constant each, as a batch's rows
 * do. The rows go in the order they are given (a push sorts its batch by key first). Answers its
 * milliseconds.
 */
export async function layoutCopyMs(
  client: pg.Client,
  rows: Record<string, unknown>[],
): Promise<number> {
  const key = await client.query<{ key: string | null }>(
    "SELECT pg_get_partkeydef('attendance'::regclass) AS key",
  );
  const partitionKey = key.rows[0]?.key;
  await client.query(
    `CREATE TABLE layout_copy (LIKE attendance INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)
       ${partitionKey ? `PARTITION BY ${partitionKey}` : ''}`,
  );
  const parts = await client.query<{ bound: string }>(
    `SELECT pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'attendance'::regclass ORDER BY c.relname`,
  );
  for (const [i, p] of parts.rows.entries())
    await client.query(`CREATE TABLE layout_copy_${i} PARTITION OF layout_copy ${p.bound}`);
  await client.query(
    `ALTER TABLE layout_copy ALTER server_seq SET DEFAULT 1, ALTER origin SET DEFAULT 'bench'`,
  );
  const columns = pushedColumns.join(', ');
  const started = performance.now();
  await pipeline(
    Readable.from(copyChunks(rows, pushedColumns)),
    client.query(copyFrom(`COPY layout_copy (${columns}) FROM STDIN`)),
  );
  return performance.now() - started;
}
