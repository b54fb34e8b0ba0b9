import { requireSchoolId, seesWholeSchool, teacherScope } from '../auth/scope';
import { dashboard } from '../services/dashboard';
import { lastSyncSuccess } from '../sync/sync-state';
import type { HandlerContext, HandlerMap, RequestContext } from './types';

/** The newest backup's time; null when there is none or the folder cannot be read. */
function lastBackupAt(ctx: HandlerContext): string | null {
  try {
    return ctx.backups
      .list()
      .backups.reduce<string | null>(
        (newest, b) => (!newest || b.createdAt > newest ? b.createdAt : newest),
        null,
      );
  } catch {
    return null; // an unreadable backup folder shows as "no backup", which Health explains
  }
}

export const dashboardHandlers: HandlerMap<'dashboard'> = {
  dashboard: (_input, ctx: RequestContext) => {
    const schoolId = requireSchoolId(ctx);
    const leader = seesWholeSchool(ctx.session);
    const userId = ctx.session?.userId ?? null;
    return {
      ...dashboard(ctx.db, schoolId, {
        today: ctx.today(),
        now: ctx.now(),
        teacherId: teacherScope(ctx),
        userId,
      }),
      lastBackupAt: leader ? lastBackupAt(ctx) : null,
      lastSyncAt: lastSyncSuccess(ctx.db, schoolId),
    };
  },
};
