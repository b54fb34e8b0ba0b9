import { actorId, requireSchoolId } from '../auth/scope';
import { exportAuditLog, listAuditLog } from '../services/audit';
import { currentSchool } from '../services/school';
import type { HandlerMap, RequestContext } from './types';

const timeZoneOf = (ctx: RequestContext) => currentSchool(ctx.db)?.timezone ?? 'UTC';

export const auditHandlers: HandlerMap<'listAuditLog' | 'exportAuditLog'> = {
  listAuditLog: (input, ctx) => listAuditLog(ctx.db, requireSchoolId(ctx), input, timeZoneOf(ctx)),
  exportAuditLog: (input, ctx) =>
    exportAuditLog(ctx.db, requireSchoolId(ctx), input, {
      timeZone: timeZoneOf(ctx),
      today: ctx.today(),
      userId: actorId(ctx),
    }),
};
