import { actorId, requireSchoolId, teacherScope } from '../auth/scope';
import { interventionLog } from '../services/intervention-log';
import type { HandlerMap } from './types';

export const interventionViewHandlers: HandlerMap<'interventionLog'> = {
  interventionLog: (input, ctx) =>
    interventionLog(ctx.db, requireSchoolId(ctx), input, {
      today: ctx.today(),
      ownerId: actorId(ctx),
      teacherId: teacherScope(ctx),
    }),
};
