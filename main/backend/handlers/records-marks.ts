import { assertClassAccess, requireSchoolId } from '../auth/scope';
import {
  assessmentRow,
  createAssessment,
  deleteAssessment,
  editAssessment,
  listAssessments,
} from '../services/assessments';
import { openMarksGrid, saveMarks } from '../services/marks';
import { actorOf } from './records-context';
import type { HandlerMap, RequestContext } from './types';

type MarksRequest =
  | 'createAssessment'
  | 'editAssessment'
  | 'deleteAssessment'
  | 'listAssessments'
  | 'openMarksGrid'
  | 'saveMarks';

/** Checks the caller may work on the assessment's class; unknown ids are NOT_FOUND. */
function assertAssessmentAccess(ctx: RequestContext, schoolId: string, assessmentId: string) {
  assertClassAccess(ctx, assessmentRow(ctx.db, schoolId, assessmentId).class_id);
}

export const marksHandlers: HandlerMap<MarksRequest> = {
  createAssessment: (input, ctx) => {
    const actor = actorOf(ctx);
    assertClassAccess(ctx, input.classId);
    const assessment = createAssessment(ctx.db, actor, input);
    return assessment;
  },
  editAssessment: (input, ctx) => {
    const actor = actorOf(ctx);
    assertAssessmentAccess(ctx, actor.schoolId, input.assessmentId);
    const assessment = editAssessment(ctx.db, actor, input);
    return assessment;
  },
  deleteAssessment: (input, ctx) => {
    const actor = actorOf(ctx);
    assertAssessmentAccess(ctx, actor.schoolId, input.assessmentId);
    const deleted = deleteAssessment(ctx.db, actor, input.assessmentId);
    return deleted;
  },
  listAssessments: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertClassAccess(ctx, input.classId);
    return listAssessments(ctx.db, schoolId, input);
  },
  openMarksGrid: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertClassAccess(ctx, input.classId);
    return openMarksGrid(ctx.db, schoolId, input);
  },
  saveMarks: (input, ctx) => {
    const actor = actorOf(ctx);
    assertAssessmentAccess(ctx, actor.schoolId, input.assessmentId);
    const saved = saveMarks(ctx.db, actor, input);
    return saved;
  },
};
