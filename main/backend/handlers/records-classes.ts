import { requireSchoolId, teacherScope } from '../auth/scope';
import { createClass, editClass, getClass, listClasses } from '../services/classes';
import { endEnrolment, enrolStudent } from '../services/enrolments';
import { createTerm, editTerm, listTerms } from '../services/terms';
import { actorOf } from './records-context';
import type { HandlerMap } from './types';

type ClassRequest =
  | 'createTerm'
  | 'editTerm'
  | 'listTerms'
  | 'createClass'
  | 'editClass'
  | 'listClasses'
  | 'enrolStudent'
  | 'endEnrolment';

export const classHandlers: HandlerMap<ClassRequest> = {
  createTerm: (input, ctx) => {
    const term = createTerm(ctx.db, actorOf(ctx), input);
    return term;
  },
  editTerm: (input, ctx) => {
    const term = editTerm(ctx.db, actorOf(ctx), input);
    return term;
  },
  listTerms: (input, ctx) => listTerms(ctx.db, requireSchoolId(ctx), input.schoolYear),
  createClass: (input, ctx) => {
    const actor = actorOf(ctx);
    const id = createClass(ctx.db, actor, input);
    return getClass(ctx.db, actor.schoolId, id, ctx.today());
  },
  editClass: (input, ctx) => {
    const actor = actorOf(ctx);
    const id = editClass(ctx.db, actor, input);
    return getClass(ctx.db, actor.schoolId, id, ctx.today());
  },
  listClasses: (input, ctx) =>
    listClasses(ctx.db, requireSchoolId(ctx), {
      schoolYear: input.schoolYear,
      onDate: input.onDate ?? ctx.today(),
      teacherId: teacherScope(ctx),
    }),
  enrolStudent: (input, ctx) => {
    const result = enrolStudent(ctx.db, actorOf(ctx), input);
    return result;
  },
  endEnrolment: (input, ctx) => {
    const result = endEnrolment(ctx.db, actorOf(ctx), input);
    return result;
  },
};
