import type { CurrentUser } from '../../../contract';
import type { Db } from '../../../db';
import type { Session } from '../handlers/types';
import type { UserRow } from '../services/users';

/** The session a connection holds once this account has signed in. */
export const sessionFor = (user: UserRow): Session => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  schoolId: user.school_id,
  kind: 'user',
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
