import { username as usernameRule } from '../../../contract/domains/auth';
import { BeaconError, writeTransaction } from '../../../db';
import { startBackend } from '../../backend/backend';
import { hashPassword } from '../../backend/auth/password';
import { assertPasswordRules } from '../../backend/auth/password-rules';
import { defaultDatabasePath } from '../../backend/paths';
import { currentSchool } from '../../backend/services/school';
import {
  findUserByUsername,
  insertUser,
  resetPassword,
  unlockUser,
} from '../../backend/auth/users';
import { readSecretLine } from '../read-secret';
import { UsageError, type Command } from '../command';

const actions = ['reset-password', 'unlock', 'add-admin'] as const;

/**
 * `beacon users`: the way back in for whoever holds the laptop's files when no administrator
 * can sign in (a forgotten password, a lockout, a database made from the command line). Every
 * change is audited as the system (no user id).
 */
export const users: Command = {
  name: 'users',
  summary:
    "reset an account's password, unlock it, or add the first administrator (run on the laptop itself)",
  usage:
    'beacon users reset-password|unlock|add-admin [--db PATH] --user NAME [--name "Display Name"]\n' +
    '  reset-password and add-admin read the new password from the terminal (hidden) or the first line of stdin.',
  options: { db: { type: 'string' }, user: { type: 'string' }, name: { type: 'string' } },
  async run({ values, positionals }, out) {
    const action = positionals[0];
    if (!actions.includes(action as (typeof actions)[number])) {
      throw new UsageError(`Say what to do: ${actions.join(', ')}.`);
    }
    const username = typeof values.user === 'string' ? values.user.trim().toLowerCase() : '';
    if (!username) throw new UsageError('--user NAME is required.');
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const db = backend.context.db;
      const school = currentSchool(db);
      if (!school) {
        throw new BeaconError(
          'NOT_FOUND',
          `${dbPath} has no school yet: open Beacon to set it up.`,
        );
      }
      const now = new Date();
      if (action === 'add-admin') {
        const anyone = db.prepare('SELECT count(*) FROM users').pluck().get() as number;
        if (anyone > 0) {
          throw new BeaconError(
            'CONFLICT',
            'This school has accounts already: use `beacon users reset-password` or `unlock` on one of them.',
          );
        }
        const nameProblem = usernameRule.safeParse(username).error?.issues[0]?.message;
        if (nameProblem) throw new UsageError(`--user: the username ${nameProblem}.`);
        const password = await readSecretLine(`New password for ${username}: `);
        assertPasswordRules(password, username, 'password');
        const passwordHash = await hashPassword(password);
        // Audited by insertUser as a creation with no user: the system.
        writeTransaction(db, () =>
          insertUser(
            db,
            school.id,
            {
              username,
              displayName: typeof values.name === 'string' ? values.name : username,
              role: 'admin',
              passwordHash,
            },
            null,
          ),
        );
        out.log(
          `Added ${username}, an administrator of ${school.name}. Sign in with it in Beacon.`,
        );
        return 0;
      }
      const user = findUserByUsername(db, school.id, username);
      if (!user)
        throw new BeaconError('NOT_FOUND', `${school.name} has no account named ${username}.`);
      if (action === 'unlock') {
        unlockUser(db, school.id, user.id, null, now);
        out.log(`Unlocked ${username}: they can sign in again now.`);
        return 0;
      }
      const password = await readSecretLine(`New password for ${username}: `);
      await resetPassword(db, school.id, user.id, password, null, now);
      out.log(
        `Set a new password for ${username} and lifted any lockout; their open sessions have ended.` +
          (user.disabled_at
            ? ' The account is still disabled: an administrator can enable it.'
            : ''),
      );
      return 0;
    } finally {
      await backend.close();
    }
  },
};
