import { assertClassAccess } from '../auth/scope';
import { writeTransaction } from '../../../db';
import { assessmentRow } from '../services/assessments';
import { saveMarks } from '../services/marks';
import { actorOf } from './records-context';
import type { HandlerMap } from './types';

export const marksGridHandlers: HandlerMap<'saveMarksGrid'> = {
  /**
   * Saves every assessment's marks in one transaction (each assessment's save nests as a
   * savepoint), so a refused mark in one column leaves every column as it was.
   */
  saveMarksGrid: (input, ctx) => {
    const actor = actorOf(ctx);
    for (const a of input.assessments) {
      assertClassAccess(ctx, assessmentRow(ctx.db, actor.schoolId, a.assessmentId).class_id);
    }
    const saved = writeTransaction(ctx.db, () =>
      input.assessments.map((a) => saveMarks(ctx.db, actor, a)),
    );
    return saved;
  },
};
