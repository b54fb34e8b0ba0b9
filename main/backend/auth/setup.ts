import type { SetupStatus } from '../../../contract';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { recordAuditEvent } from '../services/audit';
import { currentSchool, saveSchoolProfile } from '../services/school';
import { insertUser, type UserRow } from './users';
import { hashPassword } from './password';
import { assertPasswordRules } from './password-rules';

/**
 * True only for a database with no school and no account at all (not even a disabled or deleted
 * one). A database made from the command line (`beacon demo`, `beacon import`) has a school: the
 * first person to open the app must not become administrator of its records unasked; its first
 * administrator is added on the laptop with `beacon users add-admin`.
 */
export function needsSetup(db: Db): boolean {
  return (
    db
      .prepare('SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM schools)')
      .pluck()
      .get() === 1
  );
}

/** What the first-run screen needs to know. */
export function setupStatus(db: Db): SetupStatus {
  return { needsSetup: needsSetup(db), schoolName: currentSchool(db)?.name ?? null };
}

/**
 * Why first-run setup is refused: the school has accounts (sign in), or it was made from the
 * command line and has none yet (add its first administrator on the laptop).
 */
export function alreadySetUp(db: Db): BeaconError {
  const hasAccounts = db.prepare('SELECT EXISTS (SELECT 1 FROM users)').pluck().get() === 1;
  return new BeaconError(
    'CONFLICT',
    hasAccounts
      ? 'Beacon is already set up: sign in with your account instead.'
      : 'This database already holds a school. On this computer, run `beacon users add-admin --user NAME` to add its first administrator.',
  );
}

export interface SchoolSetup {
  schoolName: string;
  username: string;
  displayName: string;
  password: string;
}

/**
 * First run: creates the school's profile and its first administrator, in one transaction.
 * Refused once a school or any account exists, so it can never be used to add an
 * administrator to a school that is set up. `andThen` runs inside that transaction
 * with the new administrator (the demo school queues its job there), so both happen or neither.
 */
export async function setupSchool(
  db: Db,
  setup: SchoolSetup,
  now: Date,
  andThen?: (admin: UserRow) => void,
): Promise<UserRow> {
  if (!needsSetup(db)) throw alreadySetUp(db);
  assertPasswordRules(setup.password, setup.username, 'password');
  const passwordHash = await hashPassword(setup.password);
  // IMMEDIATE takes the write lock before the check, so two first runs cannot both pass it.
  return writeTransaction(db, () => {
    if (!needsSetup(db)) throw alreadySetUp(db);
    const adminId = newId();
    const school = saveSchoolProfile(db, { name: setup.schoolName }, adminId);
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
