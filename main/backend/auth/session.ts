import type { CurrentUser, Role } from '../../../contract';
import type { Db } from '../../../db';
import type { UserRow } from './users';
import { credentialStamp } from './session-check';

/** Who is making requests on a connection. */
export interface Session {
  /** Null for the command line and other local system actors. */
  userId: string | null;
  username: string;
  role: Role;
  schoolId: string | null;
  kind: 'user' | 'system';
  /** When the session began and last made a request (ms); set at its first request. */
  signedInAt?: number;
  lastSeenAt?: number;
  /** A fingerprint of the password it was opened with (see auth/session-check.ts). */
  credential?: string;
}

/** One client's link to the backend (a window's port, the CLI): its session lives here. */
export interface Connection {
  session: Session | null;
  /** The app window this connection serves (its webContents id); absent outside the app. */
  windowId?: number;
}

/**
 * The session a connection holds once this account has signed in (at `now`, ms, when known):
 * it remembers the password it was opened with, so a later reset ends it.
 */
export const sessionFor = (user: UserRow, now?: number): Session => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  schoolId: user.school_id,
  kind: 'user',
  credential: credentialStamp(user.password_hash),
  ...(now === undefined ? {} : { signedInAt: now, lastSeenAt: now }),
});

/** Who a session is, with the display name as it stands now. */
export function describeSession(db: Db, session: Session): CurrentUser {
  if (session.kind === 'system' || session.userId === null) {
    return {
      id: null,
      username: session.username,
      displayName: 'System',
      role: session.role,
      kind: 'system',
    };
  }
  const displayName = db
    .prepare('SELECT display_name FROM users WHERE id = ?')
    .pluck()
    .get(session.userId) as string | undefined;
  return {
    id: session.userId,
    username: session.username,
    displayName: displayName ?? session.username,
    role: session.role,
    kind: 'user',
  };
}
