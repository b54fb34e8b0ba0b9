import { z } from 'zod';
import { label, noInput, uuid } from '../schemas';
import { request } from '../spec';

export type RiskTier = 'low' | 'medium' | 'high';

/** One reason behind a score, in plain words. */
export interface RiskFactorView {
  feature: string;
  text: string;
  direction: 'raises' | 'lowers';
  weight: number;
}

export interface RiskListEntry {
  studentId: string;
  studentNumber: string;
  name: string;
  className: string | null;
  score: number;
  tier: RiskTier;
  factors: RiskFactorView[];
  scoredAt: string;
}

export interface RiskList {
  /** The live model the scores come from; null before the first model is trained. */
  model: { id: string; kind: string; createdAt: string } | null;
  total: number;
  entries: RiskListEntry[];
}

export interface StudentRisk {
  studentId: string;
  score: number | null;
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
  saveRiskSettings: request<RiskSettingsView>()(
    z
      .object({
        highShare: share.optional(),
        mediumShare: share.optional(),
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
      ),
    leaders,
  ),
  trainModel: request<{ jobId: string }>()(
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
