import { actorId, requireSchoolId, seesWholeSchool } from '../auth/scope';
import type { Actor } from '../services/records-support';
import type { RequestContext } from './types';

/** The school and the user a write is recorded under. */
export const actorOf = (ctx: RequestContext): Actor => ({
  schoolId: requireSchoolId(ctx),
  userId: actorId(ctx),
  today: ctx.today(),
});

/**
 * The teacher whose classes bound a listing, or null for callers who see the whole school. A
 * teacher session without a user id gets an id that matches nothing, never the whole school.
 */
export const teacherScope = (ctx: RequestContext): string | null =>
  seesWholeSchool(ctx.session) ? null : (ctx.session?.userId ?? '-');
