import { username as usernameRule } from '../../../contract/domains/auth';
import { BeaconError, type Db, writeTransaction } from '../../../db';
import { recordAuditEvent } from '../services/audit';
import { currentSchool } from '../services/school';
import { findUserByUsername, type UserRow } from './users';
import { formatSchoolTime } from '../services/zoned-time';
import { burnVerifyTime, hashPassword, needsRehash, verifyPassword } from './password';

/** Failed sign-ins in a row that lock an account, and for how long. */
export const maxFailedSignIns = 5;
export const lockoutMinutes = 15;

/** The one answer to a wrong username and to a wrong password, so neither can be probed. */
export const wrongCredentials = 'The username or password is not right.';

type Outcome = 'signed_in' | 'unknown_username' | 'wrong_password' | 'locked' | 'disabled';

/** Every attempt is audited as a `login`; the password never is, in any form. */
function auditAttempt(
  db: Db,
  schoolId: string,
  user: UserRow | undefined,
  username: string,
  outcome: Outcome,
  now: Date,
  extra: object = {},
): void {
  recordAuditEvent(db, {
    schoolId,
    userId: outcome === 'signed_in' && user ? user.id : null,
    action: 'login',
    entity: 'users',
    entityId: user?.id ?? null,
    // People type passwords into the username box: keep a name only if it could be one.
    after: {
      username: usernameRule.safeParse(username).success ? username : null,
      outcome,
      ...extra,
    },
    at: now.toISOString(),
  });
}

/** How to get in sooner, even when the locked account is the only administrator. */
export const unlockHow =
  'an administrator can unlock it sooner, or on this computer run `beacon users unlock --user NAME` (a forgotten password: `beacon users reset-password --user NAME`).';

/** The answer when the school has no account at all (its database was made from the command line). */
export const noAccountsMessage =
  'This school has no accounts yet. On this computer, run `beacon users add-admin --user NAME` to add its first administrator.';

const noAccounts = (db: Db) =>
  db.prepare('SELECT NOT EXISTS (SELECT 1 FROM users)').pluck().get() === 1;

function lockedError(lockedUntil: string, timeZone: string, now: Date, justLocked: boolean) {
  const when = formatSchoolTime(lockedUntil, timeZone, now);
  const message = justLocked
    ? `${wrongCredentials} After ${maxFailedSignIns} failed attempts the account is locked until ${when}; ${unlockHow}`
    : `This account is locked after ${maxFailedSignIns} failed sign-ins. Try again after ${when}; ${unlockHow}`;
  return new BeaconError('UNAUTHENTICATED', message, { reason: 'locked', lockedUntil });
}

const lockEnd = (now: Date) => new Date(now.getTime() + lockoutMinutes * 60_000).toISOString();

const isLocked = (row: UserRow, nowIso: string) =>
  row.locked_until !== null && row.locked_until > nowIso;

export interface Credentials {
  username: string;
  password: string;
}

/**
 * Checks a username and password and answers the account they open, or throws UNAUTHENTICATED
 * with a message fit to show. Five failures in a row lock the account for fifteen minutes
 * (`now` is the clock, injectable for tests); success clears the count. Every attempt is audited.
 */
export async function signIn(db: Db, credentials: Credentials, now: Date): Promise<UserRow> {
  const school = currentSchool(db);
  if (!school) {
    throw new BeaconError(
      'UNAUTHENTICATED',
      'Beacon has no accounts yet: set up the school first.',
    );
  }
  const name = credentials.username.trim().toLowerCase();
  const nowIso = now.toISOString();
  const found = findUserByUsername(db, school.id, name);
  if (!found && noAccounts(db)) {
    throw new BeaconError('UNAUTHENTICATED', noAccountsMessage, { reason: 'no_accounts' });
  }
  if (!found) {
    await burnVerifyTime(credentials.password);
    auditAttempt(db, school.id, undefined, name, 'unknown_username', now);
    throw new BeaconError('UNAUTHENTICATED', wrongCredentials, { reason: 'credentials' });
  }
  // The attempt is counted before the password is checked, in one IMMEDIATE transaction, so
  // attempts fired together cannot all pass the lock check while their hashes are computed: at
  // most `maxFailedSignIns` checks run at once, and the rest are refused unchecked.
  const counted = writeTransaction(db, (): { error: BeaconError } | { attempt: number } => {
    const row = findUserByUsername(db, school.id, name) ?? found;
    const expired = row.locked_until !== null && row.locked_until <= nowIso;
    const before = expired ? 0 : row.failed_logins;
    if (isLocked(row, nowIso) || before >= maxFailedSignIns) {
      // No password check while locked (or while enough attempts to lock it are being checked):
      // guessing must not go on behind the lock.
      auditAttempt(db, school.id, row, name, 'locked', now);
      const until = row.locked_until ?? lockEnd(now);
      return { error: lockedError(until, school.timezone, now, false) };
    }
    const attempt = before + 1;
    db.prepare('UPDATE users SET failed_logins = ?, locked_until = NULL WHERE id = ?').run(
      attempt,
      row.id,
    );
    return { attempt };
  });
  if ('error' in counted) throw counted.error;

  const matches = await verifyPassword(credentials.password, found.password_hash);
  const outcome = writeTransaction(db, (): { error: BeaconError } | { user: UserRow } => {
    // Re-read: other attempts may have counted, or locked the account, while the hash was checked.
    const row = findUserByUsername(db, school.id, name) ?? found;
    if (!matches) {
      const failures = counted.attempt;
      const lockedUntil = failures >= maxFailedSignIns ? lockEnd(now) : null;
      if (lockedUntil) {
        db.prepare('UPDATE users SET locked_until = ? WHERE id = ?').run(lockedUntil, row.id);
      }
      auditAttempt(db, school.id, row, name, 'wrong_password', now, {
        failedLogins: failures,
        lockedUntil,
      });
      const error = lockedUntil
        ? lockedError(lockedUntil, school.timezone, now, true)
        : new BeaconError('UNAUTHENTICATED', wrongCredentials, { reason: 'credentials' });
      return { error };
    }
    if (isLocked(row, nowIso)) {
      // The right password, but wrong ones sent alongside it locked the account meanwhile.
      auditAttempt(db, school.id, row, name, 'locked', now);
      return { error: lockedError(row.locked_until ?? nowIso, school.timezone, now, false) };
    }
    if (row.disabled_at !== null) {
      auditAttempt(db, school.id, row, name, 'disabled', now);
      const message = 'This account is disabled. Ask an administrator to enable it.';
      return { error: new BeaconError('UNAUTHENTICATED', message, { reason: 'disabled' }) };
    }
    if (row.password_hash !== found.password_hash) {
      // Reset while this attempt was checking the old password: the old one no longer opens it.
      auditAttempt(db, school.id, row, name, 'wrong_password', now, { passwordChanged: true });
      return {
        error: new BeaconError('UNAUTHENTICATED', wrongCredentials, { reason: 'credentials' }),
      };
    }
    db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
    auditAttempt(db, school.id, row, name, 'signed_in', now);
    return { user: { ...row, failed_logins: 0, locked_until: null } };
  });
  if ('error' in outcome) throw outcome.error;

  if (needsRehash(outcome.user.password_hash)) {
    // Raised parameters take effect as people sign in; only if the password is unchanged since.
    const rehashed = await hashPassword(credentials.password);
    const changed = db
      .prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?')
      .run(rehashed, outcome.user.id, outcome.user.password_hash).changes;
    // The session is stamped with the hash it answers, so it must be the one now stored.
    if (changed === 1) return { ...outcome.user, password_hash: rehashed };
  }
  return outcome.user;
}
