import { assertStudentAccess, requireSchoolId } from '../auth/scope';
import { studentProfile } from '../services/student-profile';
import type { HandlerMap } from './types';

export const studentProfileHandlers: HandlerMap<'studentProfile'> = {
  studentProfile: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertStudentAccess(ctx, input.studentId);
    return studentProfile(ctx.db, schoolId, input.studentId, ctx.today());
  },
};
