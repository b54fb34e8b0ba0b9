import { createHash } from 'node:crypto';
import type { Failure } from '../../../contract';
import { prepared, type Db } from '../../../db';
import type { Session } from './session';
import { readSetting } from '../../../db/settings';

/** How long a signed-in session lasts: without a request (idle) and at most (absolute). */
export interface SessionLifetimes {
  idleMinutes: number;
  absoluteHours: number;
}

/** The settings key of the lifetimes, per school. */
export const sessionLifetimesKey = 'session.lifetimes';

/** A school day of teaching with breaks keeps one session; a laptop left on does not. */
export const defaultSessionLifetimes: SessionLifetimes = { idleMinutes: 60, absoluteHours: 12 };

const positive = (v: unknown, max: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max ? v : undefined;

/** The school's session lifetimes; a missing or damaged setting falls back to the defaults. */
export function readSessionLifetimes(db: Db, schoolId: string | null): SessionLifetimes {
  const stored = schoolId ? readSetting(db, schoolId, sessionLifetimesKey) : undefined;
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  return {
    idleMinutes: positive(s.idleMinutes, 24 * 60) ?? defaultSessionLifetimes.idleMinutes,
    absoluteHours: positive(s.absoluteHours, 24 * 7) ?? defaultSessionLifetimes.absoluteHours,
  };
}

/**
 * A fingerprint of the account's password hash: a session remembers it at sign-in, so a reset
 * (or any change of password) ends the sessions opened with the old one.
 */
export const credentialStamp = (passwordHash: string): string =>
  createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);

interface AccountState {
  role: Session['role'];
  password_hash: string;
  disabled_at: string | null;
  school_id: string;
}

const ended = (message: string, reason: string): Failure => ({
  ok: false,
  code: 'UNAUTHENTICATED',
  message,
  details: { reason },
});

/**
 * Checks a user's session against the account as it stands now and the lifetimes, at `now` (ms).
 * Answers the session to use for this request (with the account's current role, and its clock
 * moved on), or the failure that ends it: the account is gone or disabled, its password was
 * changed since sign-in, or the session was idle or open too long. The system actor passes as is.
 */
export function checkSession(
  db: Db,
  session: Session,
  now: number,
): { session: Session } | { ended: Failure } {
  if (session.kind !== 'user' || session.userId === null) return { session };
  const account = prepared(
    db,
    'SELECT role, password_hash, disabled_at, school_id FROM users WHERE id = ? AND deleted_at IS NULL',
  ).get(session.userId) as AccountState | undefined;
  if (!account || account.disabled_at !== null) {
    return {
      ended: ended(
        'Your account is disabled: your session has ended. Ask an administrator.',
        'disabled',
      ),
    };
  }
  const stamp = credentialStamp(account.password_hash);
  if (session.credential !== undefined && session.credential !== stamp) {
    return {
      ended: ended(
        'Your password was changed: sign in again with the new one.',
        'password_changed',
      ),
    };
  }
  const lifetimes = readSessionLifetimes(db, account.school_id);
  const signedInAt = session.signedInAt ?? now;
  const lastSeenAt = session.lastSeenAt ?? now;
  if (now - lastSeenAt > lifetimes.idleMinutes * 60_000) {
    return {
      ended: ended(
        `You were signed out after ${lifetimes.idleMinutes} minutes without activity: sign in again.`,
        'idle',
      ),
    };
  }
  if (now - signedInAt > lifetimes.absoluteHours * 3_600_000) {
    return {
      ended: ended(
        `You were signed out after ${lifetimes.absoluteHours} hours signed in: sign in again.`,
        'expired',
      ),
    };
  }
  return {
    session: { ...session, role: account.role, credential: stamp, signedInAt, lastSeenAt: now },
  };
}
