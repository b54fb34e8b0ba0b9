import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addSchool } from '../../main/backend/central/central-admin';
import { migrateCentral } from '../../main/backend/central/central-schema';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import type { SecretStore } from '../../main/backend/secrets/secret-store';
import { connectLaptop } from '../../main/backend/sync/connect-laptop';
import { runSync } from '../../main/backend/sync/run-sync';
import { startBackend } from '../../main/backend/backend';
import { syncedTables, type SyncedTable } from '../../main/backend/sync/synced-tables';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import {
  addClass,
  addStudents,
  ok,
  recordsSchool,
  today,
  type RecordsSchool,
} from '../support/school';
import { asAdmin } from './pg-test-db';

/** A central database set up for Beacon, and the connection file and code of one school on it. */
export async function centralWithSchool(url: string, dir: string, code = 'VALE') {
  const target = parseCentralUrl(url);
  await migrateCentral(target);
  const file = join(dir, `${code}.beacon-connection`);
  const added = await addSchool(target, code, file);
  return {
    target,
    file,
    code: added.enrolmentCode,
    role: added.role,
    text: readFileSync(file, 'utf8'),
  };
}

export interface Laptop extends RecordsSchool {
  secrets: SecretStore;
  sync(): ReturnType<typeof runSync>;
}

/** A laptop with the records test school, connected to the central server with the file. */
export async function connectedLaptop(
  dir: string,
  file: { text: string; code: string },
): Promise<Laptop> {
  const secrets = fileSecretStore(join(dir, 'secrets'));
  const school = await recordsSchool(dir, { secrets });
  await connectLaptop(school.db, secrets, file.text, file.code);
  return { ...school, secrets, sync: () => runSync(school.db, secrets, { batchSize: 500 }) };
}

/** A second laptop of the same school: a fresh database that takes the school from the server. */
export async function joiningLaptop(
  dir: string,
  file: { text: string; code: string },
): Promise<Laptop> {
  const secrets = fileSecretStore(join(dir, 'secrets'));
  const backend = await startBackend({
    dbPath: join(dir, 'beacon.sqlite'),
    today: () => today,
    secrets,
  });
  const joined = await connectLaptop(backend.context.db, secrets, file.text, file.code);
  return {
    backend,
    api: inProcessApi(backend, systemSession),
    schoolId: joined.schoolId,
    db: backend.context.db,
    secrets,
    sync: () => runSync(backend.context.db, secrets, { batchSize: 500 }),
  };
}

/** A table's synced rows as the laptop has them, by id, with the columns that travel. */
export function laptopRows(laptop: Laptop, table: SyncedTable, columns: readonly string[]) {
  return sorted(
    laptop.db
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`)
      .all() as Record<string, unknown>[],
  );
}

/** Rows in one order on both sides, whatever each database's collation. */
const sorted = <T>(rows: T[]): T[] =>
  rows
    .map((r) => [JSON.stringify(r), r] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([, r]) => r);

/** The same rows as the central server has them (dates as text, clocks as numbers). */
export async function centralRows(url: string, table: SyncedTable, columns: readonly string[]) {
  const res = await asAdmin(url, (c) =>
    c.query(
      `SELECT ${columns.map((col) => `"${col}"::text AS "${col}"`).join(', ')} FROM ${table}`,
    ),
  );
  return sorted(res.rows as Record<string, string | null>[]);
}

/** The columns of a table that travel (present on both sides, never local-only ones). */
export async function travellingColumns(url: string, laptop: Laptop, table: SyncedTable) {
  const local = new Set(
    (laptop.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const res = await asAdmin(url, (c) =>
    c.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
        ORDER BY ordinal_position`,
      [table],
    ),
  );
  return res.rows.map((r) => r.column_name).filter((c) => local.has(c));
}

/** Every synced table of each laptop, as text, for comparing laptops with each other. */
export async function snapshot(url: string, laptop: Laptop) {
  const out: Record<string, unknown[]> = {};
  for (const table of syncedTables) {
    const columns = await travellingColumns(url, laptop, table);
    out[table] = sorted(
      laptopRows(laptop, table, columns).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])),
      ),
    );
  }
  return out;
}

/** The server's copy of the same tables, in the same shape as `snapshot`. */
export async function centralSnapshot(url: string, laptop: Laptop) {
  const out: Record<string, unknown[]> = {};
  for (const table of syncedTables) {
    const columns = await travellingColumns(url, laptop, table);
    out[table] = await centralRows(url, table, columns);
  }
  return out;
}

/** Three students in class 7A, all present on 14 October 2025: the sync tests' small school. */
export async function threeStudentsPresent(laptop: Laptop) {
  const students = await addStudents(laptop.api, ['Ana Silva', 'Bruno Costa', 'Carla Dias']);
  const classId = await addClass(laptop.api, '7A', students);
  ok(
    await laptop.api.saveRegister({
      classId,
      date: '2025-10-14',
      entries: students.map((studentId) => ({ studentId, status: 'present' as const })),
    }),
  );
  return { students, classId };
}
