import type { SetupStatus } from '../../../contract';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { recordAuditEvent } from '../services/audit';
import { currentSchool, saveSchoolProfile } from '../services/school';
import { insertUser, type UserRow } from '../services/users';
import { hashPassword } from './password';
import { assertPasswordRules } from './password-rules';

/** True while the database holds no account at all (not even a disabled or deleted one). */
export function needsSetup(db: Db): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM users)').pluck().get() === 1;
}

/** What the first-run screen needs to know. */
export function setupStatus(db: Db): SetupStatus {
  return { needsSetup: needsSetup(db), schoolName: currentSchool(db)?.name ?? null };
}

const alreadySetUp = () =>
  new BeaconError('CONFLICT', 'Beacon is already set up: sign in with your account instead.');

export interface SchoolSetup {
  schoolName: string;
  username: string;
  displayName: string;
  password: string;
}

/**
 * First run: names the school (creating its profile if missing) and creates its first
 * administrator, in one transaction. Refused once any account exists, so it can never be used
 * to add an administrator to a school that is set up. `andThen` runs inside that transaction
 * with the new administrator (the demo school queues its job there), so both happen or neither.
 */
export async function setupSchool(
  db: Db,
  setup: SchoolSetup,
  now: Date,
  andThen?: (admin: UserRow) => void,
): Promise<UserRow> {
  if (!needsSetup(db)) throw alreadySetUp();
  assertPasswordRules(setup.password, setup.username, 'password');
  const passwordHash = await hashPassword(setup.password);
  // IMMEDIATE takes the write lock before the check, so two first runs cannot both pass it.
  return writeTransaction(db, () => {
    if (!needsSetup(db)) throw alreadySetUp();
    const adminId = newId();
    const existing = currentSchool(db);
    const school =
      existing && existing.name === setup.schoolName
        ? existing
        : saveSchoolProfile(db, { name: setup.schoolName }, adminId);
    const admin = insertUser(
      db,
      school.id,
      {
        id: adminId,
        username: setup.username,
        displayName: setup.displayName,
        role: 'admin',
        passwordHash,
      },
      adminId,
    );
    recordAuditEvent(db, {
      schoolId: school.id,
      userId: adminId,
      action: 'login',
      entity: 'users',
      entityId: adminId,
      after: { username: admin.username, outcome: 'signed_in', setup: true },
      at: now.toISOString(),
    });
    andThen?.(admin);
    return admin;
  });
}
