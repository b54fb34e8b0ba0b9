import { join } from 'node:path';
import type { BeaconApi, Result, Role } from '../../contract';
import { newId } from '../../db/ids';
import { startBackend, type Backend, type BackendOptions } from '../../main/backend/backend';
import type { Session } from '../../main/backend/handlers/types';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';

/** The fixed "today" of the records tests: a Wednesday in the autumn term of 2025-2026. */
export const today = '2025-10-15';

/** The value of a successful result; throws (failing the test) with the failure otherwise. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.value;
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

export interface RecordsSchool {
  backend: Backend;
  api: BeaconApi;
  schoolId: string;
  db: Backend['context']['db'];
}

/**
 * A backend on a fresh file with a school whose calendar marks the weekdays from 1 September to
 * 19 December 2025 as school days, with a holiday on Monday 6 October; `api` is the system actor.
 * The sync tests pass their own secret store, so nothing lands in the user's real one.
 */
export async function recordsSchool(
  dir: string,
  options: Pick<BackendOptions, 'secrets'> = {},
): Promise<RecordsSchool> {
  const backend = await startBackend({
    dbPath: join(dir, 'beacon.sqlite'),
    today: () => today,
    ...options,
  });
  const api = inProcessApi(backend, systemSession);
  const school = ok(await api.saveSchoolProfile({ name: 'Escola do Vale' }));
  ok(await api.setCalendarDays({ from: '2025-09-01', to: '2025-12-19', kind: 'school_day' }));
  ok(
    await api.setCalendarDays({
      from: '2025-10-06',
      to: '2025-10-06',
      kind: 'holiday',
      note: 'Republic Day',
    }),
  );
  return { backend, api, schoolId: school.id, db: backend.context.db };
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
export const countRows = (db: RecordsSchool['db'], table: string): number =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
