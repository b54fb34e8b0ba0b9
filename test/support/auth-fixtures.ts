import { join } from 'node:path';
import type { BeaconApi, Role } from '../../contract';
import { newId } from '../../db/ids';
import { startBackend, type Backend } from '../../main/backend/backend';
import { hashPassword, type ScryptParams } from '../../main/backend/auth/password';
import { sessionFor } from '../../main/backend/auth/session';
import type { Session } from '../../main/backend/handlers/types';
import type { UserRow } from '../../main/backend/services/users';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';

/** Cheap scrypt parameters for accounts seeded straight into the database: tests stay fast. */
export const cheapParams: ScryptParams = { N: 1024, r: 8, p: 1 };

export const adminPassword = 'admin password 1';

/** A backend on a fresh file in `dir`, plus a first-run setup: its admin is signed in on `admin`. */
export async function setUpSchool(dir: string, today?: () => string) {
  const backend = await startBackend({ dbPath: join(dir, 'beacon.sqlite'), today });
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

/**
 * A backend on a fresh file in `dir` with a school and an administrator seeded straight into the
 * database (cheaply hashed, so tests stay fast); its admin is signed in on `admin`.
 */
export async function seededSchool(dir: string, today?: () => string, now?: () => number) {
  const backend = await startBackend({ dbPath: join(dir, 'beacon.sqlite'), today, now });
  const saved = await inProcessApi(backend, systemSession).saveSchoolProfile({
    name: 'Hillside Secondary',
  });
  if (!saved.ok) throw new Error(`school profile failed: ${JSON.stringify(saved)}`);
  const schoolId = saved.value.id;
  const adminRow = await seedUser(backend, schoolId, {
    username: 'admin',
    role: 'admin',
    password: adminPassword,
    displayName: 'Ada Admin',
  });
  return { backend, admin: apiAs(backend, adminRow), adminId: adminRow.id, schoolId };
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

/** An API whose connection is already signed in as `user`. */
export const apiAs = (backend: Backend, user: UserRow): BeaconApi =>
  inProcessApi(backend, sessionFor(user));

/** The session a seeded account would have after signing in. */
export const sessionOf = (user: UserRow): Session => sessionFor(user);
