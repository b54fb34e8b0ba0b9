import { actorId, requireSchoolId } from '../auth/scope';
import type { Actor } from '../services/records-support';
import type { RequestContext } from './types';

/** The school and the user a write is recorded under. */
export const actorOf = (ctx: RequestContext): Actor => ({
  schoolId: requireSchoolId(ctx),
  userId: actorId(ctx),
  today: ctx.today(),
});
