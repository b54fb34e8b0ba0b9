import { BeaconError } from '../../../db';
import type { Db } from '../../../db';
import { currentSchool } from '../services/school';
import type { Session } from './session';

/** What a scope rule reads of a request: the database, the caller and the school's today. */
export interface ScopeContext {
  db: Db;
  session: Session | null;
  today(): string;
}

/** The id of the school this database serves; refuses requests before the school is set up. */
export function requireSchoolId(ctx: Pick<ScopeContext, 'db'>): string {
  const school = currentSchool(ctx.db);
  if (!school) {
    throw new BeaconError(
      'NOT_FOUND',
      "Set up the school first (beacon setup, or the app's first-run screen).",
    );
  }
  return school.id;
}

/** Admins, head teachers and the local system actor see every class; teachers their own. */
export const seesWholeSchool = (session: Session | null): boolean =>
  session !== null && (session.kind === 'system' || session.role !== 'teacher');

/** Matches no user: a teacher session without a user id must see nothing, never everything. */
const NO_TEACHER = '-';

/**
 * The one rule for bounding a listing by teacher: null (the whole school) for callers who see
 * it, else the teacher's user id. A teacher session without a user id gets an id that matches
 * nothing, since the listings read null as "no bound".
 */
export const teacherScope = (ctx: Pick<ScopeContext, 'session'>): string | null =>
  seesWholeSchool(ctx.session) ? null : (ctx.session?.userId ?? NO_TEACHER);

/** Refuses a teacher who does not teach the class. Checked in the backend, never only in the UI. */
export function assertClassAccess(
  ctx: Pick<ScopeContext, 'db' | 'session'>,
  classId: string,
): void {
  if (seesWholeSchool(ctx.session)) return;
  const teaches = ctx.db
    .prepare('SELECT 1 FROM classes WHERE id = ? AND teacher_id = ? AND deleted_at IS NULL')
    .get(classId, ctx.session?.userId ?? null);
  if (!teaches) {
    throw new BeaconError('FORBIDDEN', 'You can only see and edit your own classes.');
  }
}

/** Refuses a teacher for a student who is not, today, in one of their classes. */
export function assertStudentAccess(ctx: ScopeContext, studentId: string): void {
  if (seesWholeSchool(ctx.session)) return;
  const today = ctx.today();
  const taught = ctx.db
    .prepare(
      `SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id
       WHERE e.student_id = ? AND c.teacher_id = ? AND e.deleted_at IS NULL
         AND c.deleted_at IS NULL AND e.start_date <= ? AND (e.end_date IS NULL OR e.end_date >= ?)`,
    )
    .get(studentId, ctx.session?.userId ?? null, today, today);
  if (!taught) {
    throw new BeaconError('FORBIDDEN', 'You can only see and edit students in your own classes.');
  }
}

/** The user id to record as the author of a write (null for the system actor). */
export const actorId = (ctx: Pick<ScopeContext, 'session'>): string | null =>
  ctx.session?.userId ?? null;
