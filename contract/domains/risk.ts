import { z } from 'zod';
import { label, noInput, uuid } from '../schemas';
import { request } from '../spec';

export type RiskTier = 'low' | 'medium' | 'high';

/**
 * The kinds of risk model a training run chooses between, in the order a run tries them. The
 * one vocabulary for models/, the backend and the renderer's words. Views still carry `kind` as
 * a string: a version from the district may be of a kind this app does not know.
 */
export const modelKinds = ['logistic', 'mlp', 'forest', 'boosting', 'ensemble'] as const;
export type ModelKind = (typeof modelKinds)[number];

/** Whether a stored kind is one this app knows (and has words for). */
export const isModelKind = (kind: string): kind is ModelKind =>
  (modelKinds as readonly string[]).includes(kind);

/**
 * One reason behind a score, or a gap in the record. Render by `feature` key in the user's
 * language from `value` and `reference`; `text` is the English wording (the CLI uses it).
 */
export interface RiskFactorView {
  /** The model input, e.g. 'attendance_rate_30d' (see docs/model.md for the list and units). */
  feature: string;
  /** English words, e.g. "attendance fell 38 points against the 30 school days before". */
  text: string;
  direction: 'raises' | 'lowers';
  /** This input's share of the risk's log-odds; 0 for a data gap. */
  weight: number;
  /** The student's value in the input's own unit (shares 0-1, marks 0-100, counts); null when not recorded. */
  value: number | null;
  /** What it is compared with: the school median, in the same unit; null when unknown. */
  reference: number | null;
  /** 'indicator' is a reason for the score; 'data_gap' is missing data, never a reason, shown apart. */
  kind: 'indicator' | 'data_gap';
}

/** How a tier did on the held-out students of the live model. */
export interface TierQuality {
  /** Of the held-out students placed in this tier, the share who left school within the horizon (null: none placed). */
  precision: number | null;
  /** Of the held-out students who left, the share this tier caught (null: none left). */
  recall: number | null;
  /** Held-out students placed in this tier. */
  students: number;
}

export interface RiskListEntry {
  studentId: string;
  studentNumber: string;
  name: string;
  className: string | null;
  /** The calibrated probability of leaving school within the horizon. */
  score: number;
  /** The score in words, e.g. "about 6 in 100 students with this record left school within a year". */
  scoreText: string;
  tier: RiskTier;
  factors: RiskFactorView[];
  scoredAt: string;
}

export interface RiskList {
  /** The live model the scores come from; null before the first model is trained. */
  model: {
    id: string;
    kind: string;
    createdAt: string;
    /** Precision and recall of each tier on the held-out students; null for older versions. */
    tiers: { high: TierQuality; medium: TierQuality } | null;
  } | null;
  /** Months after which a score's outcome is counted (the school's horizon setting). */
  horizonMonths: number;
  total: number;
  entries: RiskListEntry[];
}

export interface StudentRisk {
  studentId: string;
  score: number | null;
  /** The score in words (see RiskListEntry.scoreText); null without a score. */
  scoreText: string | null;
  horizonMonths: number;
  tier: RiskTier | null;
  factors: RiskFactorView[];
  scoredAt: string | null;
  history: { score: number; tier: RiskTier; scoredAt: string; modelVersionId: string }[];
}

export interface RiskSettingsView {
  /** Share of students in the high tier (0.10 = the top 10% of scores). */
  highShare: number;
  /** Share in the medium tier, right below high. */
  mediumShare: number;
  /** The least probability a high-tier student has, whatever their rank (default 0.20). */
  highFloor: number;
  /** The least probability a medium-tier student has (default 0.10). */
  mediumFloor: number;
  /** Score cut-offs these shares gave at the last whole-school scoring. */
  cutoffs: { high: number; medium: number } | null;
  promotionTolerance: number;
  keepVersions: number;
  horizonMonths: number;
  retrainEveryDays: number;
  /** Whether sex, ethnicity and low income are model inputs (off: audit columns only). */
  protectedInputs: boolean;
}

export interface ModelVersionView {
  id: string;
  kind: string;
  status: 'champion' | 'challenger' | 'retired';
  statusReason: string | null;
  source: 'local' | 'district';
  trigger: string;
  trainingFrom: string | null;
  trainingTo: string | null;
  createdAt: string;
  heldOutAuc: number | null;
  /**
   * ROC-AUC on a later period than the model trained on (trained on earlier school years,
   * judged on the last one with known outcomes); null when the history is too short.
   */
  temporalAuc: number | null;
  /** Every metric recorded for the version: held-out evaluation, fairness, candidates. */
  metrics: Record<string, unknown>;
}

export interface LiveSpanView {
  modelVersionId: string;
  liveFrom: string;
  liveTo: string | null;
  reason: string;
}

export interface JobView {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  maxAttempts: number;
  progress: unknown;
  result: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const share = z.number().min(0, 'must be at least 0').max(1, 'must be at most 1');
const leaders = ['admin', 'head_teacher'] as const;

/** What saveRiskSettings takes: any of the settings; the renderer's forms use it too. */
export const riskSettingsInput = z
  .object({
    highShare: share.optional(),
    mediumShare: share.optional(),
    highFloor: share.optional(),
    mediumFloor: share.optional(),
    promotionTolerance: z.number().min(0).max(0.2).optional(),
    keepVersions: z.number().int().min(1).max(50).optional(),
    horizonMonths: z.number().int().min(3).max(36).optional(),
    retrainEveryDays: z.number().int().min(1).max(365).optional(),
    protectedInputs: z.boolean().optional(),
  })
  .strict()
  .refine(
    (s) => (s.highShare ?? 0) + (s.mediumShare ?? 0) <= 1,
    'highShare and mediumShare must add up to at most 1',
  )
  .refine(
    (s) => s.highFloor === undefined || s.mediumFloor === undefined || s.mediumFloor <= s.highFloor,
    'mediumFloor must be at most highFloor',
  );

/** Risk scores, the models behind them, and the jobs that train them. */
export const riskRequests = {
  riskList: request<RiskList>()(
    z
      .object({
        tier: z.enum(['low', 'medium', 'high']).optional(),
        classId: uuid.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    'user',
  ),
  studentRisk: request<StudentRisk>()(z.object({ studentId: uuid }).strict(), 'user'),
  getRiskSettings: request<RiskSettingsView>()(noInput, 'user'),
  saveRiskSettings: request<RiskSettingsView>()(riskSettingsInput, leaders),
  /** `alreadyUnderWay`: a training was queued or running, and `jobId` is that one (none queued). */
  trainModel: request<{ jobId: string; alreadyUnderWay: boolean }>()(
    z.object({ seed: z.number().int().min(0).optional() }).strict(),
    leaders,
  ),
  listModelVersions: request<ModelVersionView[]>()(noInput, leaders),
  promoteModelVersion: request<ModelVersionView>()(
    z.object({ id: uuid, reason: label(500) }).strict(),
    leaders,
  ),
  modelLiveHistory: request<LiveSpanView[]>()(noInput, leaders),
  listJobs: request<JobView[]>()(
    z
      .object({
        status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
        kind: z.string().max(40).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    leaders,
  ),
  cancelJob: request<{ status: JobView['status'] }>()(z.object({ jobId: uuid }).strict(), leaders),
};
