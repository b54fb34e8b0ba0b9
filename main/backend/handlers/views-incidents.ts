import { requireSchoolId, teacherScope } from '../auth/scope';
import { incidentLog } from '../services/incident-log';
import type { HandlerMap } from './types';

export const incidentViewHandlers: HandlerMap<'incidentLog'> = {
  incidentLog: (input, ctx) =>
    incidentLog(ctx.db, requireSchoolId(ctx), input, {
      today: ctx.today(),
      teacherId: teacherScope(ctx),
    }),
};
