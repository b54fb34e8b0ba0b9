import { requireSchoolId, teacherScope } from '../auth/scope';
import { studentTable } from '../services/student-table';
import type { HandlerMap } from './types';

export const studentViewHandlers: HandlerMap<'studentTable'> = {
  studentTable: (input, ctx) =>
    studentTable(ctx.db, requireSchoolId(ctx), input, {
      today: ctx.today(),
      teacherId: teacherScope(ctx),
    }),
};
