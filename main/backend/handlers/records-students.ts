import { assertStudentAccess, requireSchoolId, seesWholeSchool, teacherScope } from '../auth/scope';
import { changeStudentStatus } from '../services/student-status';
import {
  archiveStudent,
  createStudent,
  editStudent,
  getStudent,
  listStudents,
} from '../services/students';
import { actorOf } from './records-context';
import type { HandlerMap, RequestContext } from './types';

type StudentRequest =
  | 'createStudent'
  | 'editStudent'
  | 'archiveStudent'
  | 'changeStudentStatus'
  | 'getStudent'
  | 'listStudents';

const detail = (ctx: RequestContext, schoolId: string, studentId: string) =>
  getStudent(ctx.db, schoolId, studentId, {
    today: ctx.today(),
    withProtected: seesWholeSchool(ctx.session),
  });

export const studentHandlers: HandlerMap<StudentRequest> = {
  createStudent: (input, ctx) => {
    const actor = actorOf(ctx);
    const id = createStudent(ctx.db, actor, input);
    return detail(ctx, actor.schoolId, id);
  },
  editStudent: (input, ctx) => {
    const actor = actorOf(ctx);
    const id = editStudent(ctx.db, actor, input);
    return detail(ctx, actor.schoolId, id);
  },
  archiveStudent: (input, ctx) => {
    const actor = actorOf(ctx);
    const id = archiveStudent(ctx.db, actor, input);
    return detail(ctx, actor.schoolId, id);
  },
  changeStudentStatus: (input, ctx) => {
    const actor = actorOf(ctx);
    const id = changeStudentStatus(ctx.db, actor, input);
    return detail(ctx, actor.schoolId, id);
  },
  getStudent: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertStudentAccess(ctx, input.studentId);
    return detail(ctx, schoolId, input.studentId);
  },
  listStudents: (input, ctx) =>
    listStudents(ctx.db, requireSchoolId(ctx), input, {
      today: ctx.today(),
      teacherId: teacherScope(ctx),
    }),
};
