import type { CurrentUser } from '../../../contract';
import { BeaconError } from '../../../db';
import { actorId, requireSchoolId } from '../auth/scope';
import { describeSession, sessionFor } from '../auth/session';
import { credentialStamp } from '../auth/session-check';
import { setupSchool, setupStatus } from '../auth/setup';
import { signIn } from '../auth/sign-in';
import {
  changeOwnPassword,
  createUser,
  findUser,
  listUsers,
  resetPassword,
  unlockUser,
  updateUser,
  type UserRow,
} from '../auth/users';
import type { HandlerMap, RequestContext } from './types';

/** The wall clock; services take it as an argument so tests can fix it. */
const now = () => new Date();

function signInConnection(ctx: RequestContext, user: UserRow): CurrentUser {
  const session = sessionFor(user, ctx.now());
  ctx.connection.session = session;
  return describeSession(ctx.db, session);
}

export const authHandlers: HandlerMap<
  | 'setupSchool'
  | 'setupStatus'
  | 'signIn'
  | 'signOut'
  | 'currentUser'
  | 'listUsers'
  | 'createUser'
  | 'updateUser'
  | 'changePassword'
  | 'resetPassword'
  | 'unlockUser'
> = {
  setupSchool: async (input, ctx) => {
    const admin = await setupSchool(ctx.db, input, now());
    return signInConnection(ctx, admin);
  },
  setupStatus: (_input, ctx) => setupStatus(ctx.db),
  signIn: async (input, ctx) => {
    // A failed attempt leaves the connection signed out, whoever it was signed in as before.
    ctx.connection.session = null;
    return signInConnection(ctx, await signIn(ctx.db, input, now()));
  },
  signOut: (_input, ctx) => {
    ctx.connection.session = null;
    return null;
  },
  currentUser: (_input, ctx) =>
    ctx.connection.session ? describeSession(ctx.db, ctx.connection.session) : null,
  listUsers: (_input, ctx) => listUsers(ctx.db, requireSchoolId(ctx), now()),
  createUser: async (input, ctx) => {
    const user = await createUser(ctx.db, requireSchoolId(ctx), input, actorId(ctx), now());
    return user;
  },
  updateUser: (input, ctx) => {
    const user = updateUser(ctx.db, requireSchoolId(ctx), input, actorId(ctx), now());
    return user;
  },
  changePassword: async (input, ctx) => {
    const userId = actorId(ctx);
    if (userId === null) {
      throw new BeaconError('FORBIDDEN', 'The system account has no password to change.');
    }
    await changeOwnPassword(
      ctx.db,
      requireSchoolId(ctx),
      userId,
      input.currentPassword,
      input.newPassword,
    );
    // Other sessions opened with the old password end; this one goes on with the new one.
    const me = findUser(ctx.db, requireSchoolId(ctx), userId);
    if (me && ctx.connection.session) {
      ctx.connection.session = {
        ...ctx.connection.session,
        credential: credentialStamp(me.password_hash),
      };
    }
    return null;
  },
  resetPassword: async (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    const user = await resetPassword(
      ctx.db,
      schoolId,
      input.id,
      input.newPassword,
      actorId(ctx),
      now(),
    );
    return user;
  },
  unlockUser: (input, ctx) => {
    const user = unlockUser(ctx.db, requireSchoolId(ctx), input.id, actorId(ctx), now());
    return user;
  },
};
