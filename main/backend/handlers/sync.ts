import { actorId, requireSchoolId } from '../auth/scope';
import { connectLaptop } from '../sync/connect-laptop';
import { listConflicts, openConflictCount, resolveConflict } from '../sync/conflicts';
import { pendingCount } from '../sync/outbox-reader';
import { SYNC_ATTEMPTS } from '../sync/sync-job';
import { readSyncState } from '../sync/sync-state';
import type { HandlerMap, RequestContext } from './types';

const activeSyncJob = (ctx: RequestContext, schoolId: string): string | null =>
  (
    ctx.db
      .prepare(
        `SELECT id FROM jobs WHERE kind = 'sync' AND school_id = ? AND status IN ('queued', 'running')
          ORDER BY created_at LIMIT 1`,
      )
      .get(schoolId) as { id: string } | undefined
  )?.id ?? null;

const districtModelCount = (ctx: RequestContext, schoolId: string) => {
  const row = ctx.db
    .prepare(
      `SELECT count(*) AS count, max(created_at) AS lastAt FROM model_versions
        WHERE school_id = ? AND source = 'district'`,
    )
    .get(schoolId) as { count: number; lastAt: string | null };
  return { count: row.count, lastAt: row.lastAt };
};

export const syncHandlers: HandlerMap<
  'syncStatus' | 'syncNow' | 'connectSync' | 'listConflicts' | 'resolveConflict'
> = {
  syncStatus: (_input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    const state = readSyncState(ctx.db, schoolId);
    return {
      connected: state.connection !== null,
      host: state.connection?.host ?? null,
      schoolCode: state.connection?.schoolCode ?? null,
      pending: pendingCount(ctx.db, schoolId, state.pushedThrough),
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      openConflicts: openConflictCount(ctx.db, schoolId),
      districtModels: districtModelCount(ctx, schoolId),
      jobId: activeSyncJob(ctx, schoolId),
    };
  },
  syncNow: (_input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    const jobId =
      activeSyncJob(ctx, schoolId) ??
      ctx.jobs.enqueue('sync', { trigger: 'by hand' }, schoolId, SYNC_ATTEMPTS);
    return { jobId };
  },
  connectSync: async (input, ctx) => {
    const joined = await connectLaptop(ctx.db, ctx.secrets, input.fileText, input.enrolmentCode);
    return { host: joined.host, schoolCode: joined.schoolCode };
  },
  listConflicts: (input, ctx) =>
    listConflicts(ctx.db, requireSchoolId(ctx), input.includeResolved ?? false),
  resolveConflict: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    const resolved = resolveConflict(ctx.db, schoolId, input.conflictId, input.keep, actorId(ctx));
    // The kept row's table, the conflict and so the sync state: from the change log (dispatch.ts).
    return resolved;
  },
};
