import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { BeaconApi, ExportedRecords, ImportKind, ImportReport, Role } from '../../contract';
import { newId } from '../../db/ids';
import { hashPassword, type ScryptParams } from '../../main/backend/auth/password';
import { sessionFor } from '../../main/backend/auth/session';
import { startBackend, type Backend, type BackendOptions } from '../../main/backend/backend';
import type { Session } from '../../main/backend/auth/session';
import type { UserRow } from '../../main/backend/auth/users';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { insertSchool } from './school-row';

export { insertSchool };

/**
 * The one school builder of every test folder: a backend on a fresh database file with a school
 * made through the app's own requests (`testSchool`), and the few ways tests add to it: rows
 * straight into the database for set-up that is not under test (`insertSchool`, `addStudent`,
 * `addCalendar`, `seedSchool`, `seedUser`), or through the requests (`addStudents`, `addClass`). The named
 * schools below are this builder with the set-up their folders share.
 */

/** The fixed "today" of the tests: a Wednesday in the autumn term of 2025-2026. */
export const today = '2025-10-15';
export const TODAY = today;

/** The value of a successful result; throws (failing the test) with the failure otherwise. */
export function ok<T>(
  result: { ok: true; value: T } | { ok: false; message: string; code?: string },
): T {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.code ?? 'a failure'}: ${result.message}`);
  }
  return result.value;
}

export interface TestSchool {
  backend: Backend;
  /** The system actor's API. */
  api: BeaconApi;
  schoolId: string;
  db: Backend['context']['db'];
}

export interface TestSchoolOptions extends Pick<BackendOptions, 'secrets' | 'now'> {
  name?: string;
  /** The backend's today: the fixed `today` unless given; given as undefined, the real one. */
  today?: (() => string) | undefined;
  /** The database file's name in the folder. */
  file?: string;
}

/** A backend on a fresh file in `dir` with a school saved through `saveSchoolProfile`. */
export async function testSchool(
  dir: string,
  options: TestSchoolOptions = {},
): Promise<TestSchool> {
  const { name = 'Escola do Vale', file = 'beacon.sqlite', ...rest } = options;
  const day = 'today' in options ? options.today : () => today;
  const backend = await startBackend({
    ...rest,
    dbPath: join(dir, file),
    ...(day ? { today: day } : {}),
  });
  const api = inProcessApi(backend, systemSession);
  const school = ok(await api.saveSchoolProfile({ name }));
  return { backend, api, schoolId: school.id, db: backend.context.db };
}

/** The records tests' school, kept under its old name. */
export type RecordsSchool = TestSchool;

/**
 * A school whose calendar marks the weekdays from 1 September to 19 December 2025 as school
 * days, with a holiday on Monday 6 October. The sync tests pass their own secret store, so
 * nothing lands in the user's real one.
 */
export async function recordsSchool(
  dir: string,
  options: Pick<BackendOptions, 'secrets'> = {},
): Promise<TestSchool> {
  const s = await testSchool(dir, options);
  ok(await s.api.setCalendarDays({ from: '2025-09-01', to: '2025-12-19', kind: 'school_day' }));
  ok(
    await s.api.setCalendarDays({
      from: '2025-10-06',
      to: '2025-10-06',
      kind: 'holiday',
      note: 'Republic Day',
    }),
  );
  return s;
}

/** The import tests' school: no calendar (any date counts), in `school.sqlite`. */
export const importSchool = (dir: string, name = 'Escola Básica da Ribeira') =>
  testSchool(dir, { name, file: 'school.sqlite' });

/** Cheap scrypt parameters for accounts seeded straight into the database: tests stay fast. */
export const cheapParams: ScryptParams = { N: 1024, r: 8, p: 1 };

export const adminPassword = 'admin password 1';

/** A school made by the first-run `setupSchool` request: its admin is signed in on `admin`. */
export async function setUpSchool(dir: string, day?: () => string) {
  const backend = await startBackend({ dbPath: join(dir, 'beacon.sqlite'), today: day });
  const admin = inProcessApi(backend);
  const setup = await admin.setupSchool({
    schoolName: 'Hillside Secondary',
    username: 'admin',
    displayName: 'Ada Admin',
    password: adminPassword,
  });
  if (!setup.ok || !setup.value.id) throw new Error(`setup failed: ${JSON.stringify(setup)}`);
  const schoolId = backend.context.db.prepare('SELECT id FROM schools').pluck().get() as string;
  return { backend, admin, adminId: setup.value.id, schoolId };
}

/** A school with an administrator seeded straight into the database, signed in on `admin`. */
export async function seededSchool(dir: string, day?: () => string, now?: () => number) {
  const s = await testSchool(dir, {
    name: 'Hillside Secondary',
    today: day,
    ...(now ? { now } : {}),
  });
  const adminRow = await seedUser(s.backend, s.schoolId, {
    username: 'admin',
    role: 'admin',
    password: adminPassword,
    displayName: 'Ada Admin',
  });
  return {
    backend: s.backend,
    admin: apiAs(s.backend, adminRow),
    adminId: adminRow.id,
    schoolId: s.schoolId,
  };
}

/** Inserts an account directly (cheaply hashed) and answers its row. */
export async function seedUser(
  backend: Backend,
  schoolId: string,
  user: { username: string; role: Role; password?: string; displayName?: string },
): Promise<UserRow> {
  const id = newId();
  const hash = await hashPassword(user.password ?? 'seeded password', cheapParams);
  const db = backend.context.db;
  db.prepare(
    `INSERT INTO users (id, school_id, username, display_name, role, password_hash)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, schoolId, user.username, user.displayName ?? user.username, user.role, hash);
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow;
}

/** A staff account inserted with SQL (no password work), and a session signed in as it. */
export function addUser(backend: Backend, schoolId: string, role: Role, name: string) {
  const id = newId();
  backend.context.db
    .prepare(
      `INSERT INTO users (id, school_id, username, display_name, role, password_hash)
       VALUES (?, ?, ?, ?, ?, 'not-a-hash')`,
    )
    .run(id, schoolId, name.toLowerCase().replace(/\s+/g, '.'), name, role);
  const session: Session = { userId: id, username: name, role, schoolId, kind: 'user' };
  return { id, session, api: inProcessApi(backend, session) };
}

/** An API whose connection is already signed in as `user`. */
export const apiAs = (backend: Backend, user: UserRow): BeaconApi =>
  inProcessApi(backend, sessionFor(user));

/** The session a seeded account would have after signing in. */
export const sessionOf = (user: UserRow): Session => sessionFor(user);

/** Inserts the minimum a school-owned row needs, without a backend: a school, class, student. */
export function seedSchool(db: Database.Database, name = 'Test School') {
  const schoolId = insertSchool(db, { name });
  const classId = newId();
  const studentId = newId();
  db.prepare(
    "INSERT INTO classes (id, school_id, school_year, name) VALUES (?, ?, '2025-2026', '7A')",
  ).run(classId, schoolId);
  db.prepare(
    `INSERT INTO students (id, school_id, student_number, first_name, last_name)
     VALUES (?, ?, ?, 'Ada', 'Lovelace')`,
  ).run(studentId, schoolId, `S-${studentId.slice(-6)}`);
  return { schoolId, classId, studentId };
}

/** Adds a student directly (test set-up, not the path under test); answers its id. */
export function addStudent(
  db: Database.Database,
  schoolId: string,
  number: string,
  first = 'Ana',
  last = 'Silva',
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO students (id, school_id, student_number, first_name, last_name)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(id, schoolId, number, first, last);
  return id;
}

/** Lists `dates` as school days (and `holidays` as holidays) in the school calendar. */
export function addCalendar(
  db: Database.Database,
  schoolId: string,
  dates: string[],
  holidays: string[] = [],
): void {
  const day = db.prepare(
    'INSERT INTO school_calendar (id, school_id, date, kind) VALUES (?, ?, ?, ?)',
  );
  for (const d of dates) day.run(newId(), schoolId, d, 'school_day');
  for (const d of holidays) day.run(newId(), schoolId, d, 'holiday');
}

/** Creates students numbered S1, S2... with the given names ("First Last"); answers their ids. */
export async function addStudents(
  api: BeaconApi,
  names: string[],
  prefix = 'S',
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const [firstName = name, lastName = 'Doe'] = name.split(' ');
    const student = ok(
      await api.createStudent({ studentNumber: `${prefix}${i + 1}`, firstName, lastName }),
    );
    ids.push(student.id);
  }
  return ids;
}

/** A class (of 2025-2026 unless told) with these students enrolled from its year's 1 September. */
export async function addClass(
  api: BeaconApi,
  name: string,
  studentIds: string[],
  teacherId: string | null = null,
  schoolYear = '2025-2026',
): Promise<string> {
  const cls = ok(await api.createClass({ schoolYear, name, teacherId }));
  const startDate = `${schoolYear.slice(0, 4)}-09-01`;
  for (const studentId of studentIds) {
    ok(await api.enrolStudent({ studentId, classId: cls.id, startDate }));
  }
  return cls.id;
}

/** Rows in a table, for checking that a refused write wrote nothing. */
export const countRows = (db: Database.Database, table: string): number =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Row counts of the tables an import writes, to prove a refused file wrote nothing. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = [
    'students',
    'classes',
    'enrolments',
    'attendance',
    'assessments',
    'marks',
    'behaviour_incidents',
    'attendance_summaries',
    'student_features',
    'sync_outbox',
    'audit_log',
  ];
  return Object.fromEntries(tables.map((t) => [t, countRows(db, t)]));
}

/** The report's reasons, one string per rejection, for readable assertions. */
export const reasons = (report: ImportReport): string[] =>
  report.rejections.map((r) => `${r.row ?? 'file'}|${r.column ?? ''}|${r.reason}`);

export const csvFile = (text: string, name = 'file.csv') => ({
  name,
  bytes: new TextEncoder().encode(text),
});

export type { ImportKind };

/** The CSV text of an export, failing the test when the export is not CSV. */
export function csvOf(exported: ExportedRecords): string {
  if (exported.format !== 'csv') throw new Error(`expected a CSV export, got ${exported.format}`);
  return exported.csv;
}

/** Imports a file that must be refused, proving nothing at all was written; answers the report. */
export async function importRefused(
  s: Pick<TestSchool, 'api' | 'db'>,
  kind: ImportKind,
  file: { name: string; bytes?: Uint8Array; text?: string },
): Promise<ImportReport> {
  const before = tableCounts(s.db);
  const report = ok(await s.api.runImport({ kind, file }));
  expect(report.outcome).toBe('refused');
  expect(tableCounts(s.db)).toEqual(before);
  return report;
}
