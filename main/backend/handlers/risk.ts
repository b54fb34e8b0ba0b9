import { BeaconError } from '../../../db';
import {
  assertClassAccess,
  assertStudentAccess,
  actorId,
  requireSchoolId,
  teacherScope,
} from '../auth/scope';
import { cancelJob, getJob, listJobs } from '../jobs/queue';
import { readRiskSettings, writeRiskSettings } from '../scoring/risk-settings';
import { scoreSchoolInSlices } from '../scoring/score';
import {
  getModelVersion,
  liveHistory,
  listModelVersions,
  promoteModelVersion,
} from '../services/model-registry';
import {
  jobView,
  modelVersionView,
  riskList,
  riskSettingsView,
  studentRisk,
} from '../services/risk-views';
import type { TrainJobPayload } from '../training/train-job';
import type { HandlerMap } from './types';

type RiskRequest =
  | 'riskList'
  | 'studentRisk'
  | 'getRiskSettings'
  | 'saveRiskSettings'
  | 'trainModel'
  | 'listModelVersions'
  | 'promoteModelVersion'
  | 'modelLiveHistory'
  | 'listJobs'
  | 'cancelJob';

export const riskHandlers: HandlerMap<RiskRequest> = {
  riskList: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    if (input.classId) assertClassAccess(ctx, input.classId);
    return riskList(ctx.db, schoolId, {
      ...input,
      teacherId: teacherScope(ctx),
      today: ctx.today(),
    });
  },
  studentRisk: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertStudentAccess(ctx, input.studentId);
    return studentRisk(ctx.db, schoolId, input.studentId);
  },
  getRiskSettings: (_input, ctx) =>
    riskSettingsView(readRiskSettings(ctx.db, requireSchoolId(ctx))),
  saveRiskSettings: async (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    const current = readRiskSettings(ctx.db, schoolId);
    const shares = {
      high: input.highShare ?? current.shares.high,
      medium: input.mediumShare ?? current.shares.medium,
    };
    if (shares.high + shares.medium > 1) {
      throw new BeaconError(
        'INVALID_INPUT',
        'The high and medium shares must add up to at most 100% of students.',
      );
    }
    const floors = {
      high: input.highFloor ?? current.floors.high,
      medium: input.mediumFloor ?? current.floors.medium,
    };
    if (floors.medium > floors.high) {
      throw new BeaconError(
        'INVALID_INPUT',
        'The medium tier floor must be at most the high tier floor.',
        { highFloor: floors.high, mediumFloor: floors.medium },
      );
    }
    writeRiskSettings(ctx.db, schoolId, {
      shares,
      floors,
      ...(input.promotionTolerance === undefined
        ? {}
        : { promotionTolerance: input.promotionTolerance }),
      ...(input.keepVersions === undefined ? {} : { keepVersions: input.keepVersions }),
      ...(input.horizonMonths === undefined ? {} : { horizonMonths: input.horizonMonths }),
      ...(input.retrainEveryDays === undefined ? {} : { retrainEveryDays: input.retrainEveryDays }),
      // Takes effect at the next training: the live model keeps the inputs it was trained on.
      ...(input.protectedInputs === undefined ? {} : { protectedInputs: input.protectedInputs }),
    });
    // New shares mean new cut-offs: every tier is redrawn now, not at the next training.
    // The settings and the scores say they changed through the change log's journal.
    await scoreSchoolInSlices(ctx.db, schoolId);
    return riskSettingsView(readRiskSettings(ctx.db, schoolId));
  },
  trainModel: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    const payload: TrainJobPayload = {
      schoolId,
      trigger: `requested by ${ctx.session?.username ?? 'system'}`,
      userId: actorId(ctx),
      ...(input.seed === undefined ? {} : { seed: input.seed }),
    };
    // A second request while one is queued or running follows that one instead of training twice.
    const job = ctx.jobs.enqueueUnlessActive('train', payload, schoolId);
    return { jobId: job.id, alreadyUnderWay: job.existing };
  },
  listModelVersions: (_input, ctx) =>
    listModelVersions(ctx.db, requireSchoolId(ctx)).map(modelVersionView),
  promoteModelVersion: async (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    const target = getModelVersion(ctx.db, input.id);
    if (!target || target.schoolId !== schoolId) {
      throw new BeaconError('NOT_FOUND', `There is no model version ${input.id}.`);
    }
    await ctx.backups.backup('before-model-change');
    const version = promoteModelVersion(ctx.db, input.id, input.reason, actorId(ctx));
    await scoreSchoolInSlices(ctx.db, schoolId);
    return modelVersionView(version);
  },
  modelLiveHistory: (_input, ctx) => liveHistory(ctx.db, requireSchoolId(ctx)),
  listJobs: (input, ctx) =>
    listJobs(ctx.db, {
      limit: input.limit,
      ...(input.status ? { status: input.status } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
    }).map(jobView),
  cancelJob: (input, ctx) => {
    if (!getJob(ctx.db, input.jobId))
      throw new BeaconError('NOT_FOUND', `There is no job ${input.jobId}.`);
    return { status: cancelJob(ctx.db, input.jobId) ?? 'cancelled' };
  },
};
