import type {
  JobView,
  ModelVersionView,
  RiskFactorView,
  RiskList,
  RiskSettingsView,
  RiskTier,
  StudentRisk,
  TierQuality,
} from '../../../contract';
import type { EvaluationReport } from '../../../models';
import type { Db } from '../../../db';
import type { Job } from '../jobs/queue';
import { readRiskSettings, type RiskSettings } from '../scoring/risk-settings';
import { scoreWords } from '../scoring/risk-words';
import { champion, type ModelVersion } from './model-registry';

export const modelVersionView = (v: ModelVersion): ModelVersionView => ({
  id: v.id,
  kind: v.kind,
  status: v.status,
  statusReason: v.statusReason,
  source: v.source,
  trigger: v.trigger,
  trainingFrom: v.trainingFrom,
  trainingTo: v.trainingTo,
  createdAt: v.createdAt,
  heldOutAuc: typeof v.metrics.heldOutAuc === 'number' ? v.metrics.heldOutAuc : null,
  temporalAuc: temporalAucOf(v),
  metrics: v.metrics,
});

/** The version's ROC-AUC on a later period, when its history allowed one (metrics.temporal). */
function temporalAucOf(v: ModelVersion): number | null {
  const temporal = v.metrics.temporal as { rocAuc?: unknown } | null | undefined;
  return typeof temporal?.rocAuc === 'number' ? temporal.rocAuc : null;
}

/** Each tier's precision and recall on the version's held-out students, when it recorded them. */
function tierQuality(v: ModelVersion): { high: TierQuality; medium: TierQuality } | null {
  const tiers = (v.metrics.heldOut as EvaluationReport | undefined)?.tiers;
  if (!tiers?.medium) return null;
  return {
    high: {
      precision: tiers.high.precision,
      recall: tiers.high.recall,
      students: tiers.high.flagged,
    },
    medium: {
      precision: tiers.medium.precision,
      recall: tiers.medium.recall,
      students: tiers.medium.rows,
    },
  };
}

/** Stored factors as the contract has them (scores saved before factors were structured lack some fields). */
const parseFactors = (json: string): RiskFactorView[] =>
  (JSON.parse(json) as Partial<RiskFactorView>[]).map((f) => ({
    feature: f.feature ?? '',
    text: f.text ?? '',
    direction: f.direction ?? 'raises',
    weight: f.weight ?? 0,
    value: f.value ?? null,
    reference: f.reference ?? null,
    kind: f.kind ?? 'indicator',
  }));

export const jobView = (j: Job): JobView => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  progress: j.progress,
  result: j.result,
  error: j.error,
  createdAt: j.createdAt,
  startedAt: j.startedAt,
  finishedAt: j.finishedAt,
});

export const riskSettingsView = (s: RiskSettings): RiskSettingsView => ({
  highShare: s.shares.high,
  mediumShare: s.shares.medium,
  highFloor: s.floors.high,
  mediumFloor: s.floors.medium,
  cutoffs: s.cutoffs,
  promotionTolerance: s.promotionTolerance,
  keepVersions: s.keepVersions,
  horizonMonths: s.horizonMonths,
  retrainEveryDays: s.retrainEveryDays,
  protectedInputs: s.protectedInputs,
});

export interface RiskListQuery {
  tier?: RiskTier | undefined;
  classId?: string | undefined;
  /** Only students in classes this teacher teaches today (null: the whole school). */
  teacherId: string | null;
  today: string;
  limit: number;
  offset: number;
}

/**
 * Active students by risk, highest first, with their current class and the factors behind each
 * score. A teacher's list holds only their own classes.
 */
export function riskList(db: Db, schoolId: string, q: RiskListQuery): RiskList {
  const live = champion(db, schoolId);
  const where = `r.school_id = @school AND s.deleted_at IS NULL AND s.status = 'active'
    AND s.archived_at IS NULL
    AND (@tier IS NULL OR r.tier = @tier)
    AND (@class IS NULL OR c.id = @class)
    AND (@teacher IS NULL OR c.teacher_id = @teacher)`;
  const from = `FROM risk_scores r
    JOIN students s ON s.id = r.student_id
    LEFT JOIN enrolments e ON e.student_id = s.id AND e.deleted_at IS NULL
      AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)
    LEFT JOIN classes c ON c.id = e.class_id AND c.deleted_at IS NULL`;
  const params = {
    school: schoolId,
    tier: q.tier ?? null,
    class: q.classId ?? null,
    teacher: q.teacherId,
    today: q.today,
  };
  const total = db
    .prepare(`SELECT count(DISTINCT r.student_id) ${from} WHERE ${where}`)
    .pluck()
    .get(params) as number;
  const rows = db
    .prepare(
      `SELECT r.student_id AS studentId, s.student_number AS studentNumber,
         s.first_name || ' ' || s.last_name AS name, min(c.name) AS className, r.score, r.tier,
         r.factors, r.scored_at AS scoredAt
       ${from} WHERE ${where}
       GROUP BY r.student_id ORDER BY r.score DESC, s.last_name LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as (Omit<
    RiskList['entries'][number],
    'factors' | 'scoreText'
  > & {
    factors: string;
  })[];
  const { horizonMonths } = readRiskSettings(db, schoolId);
  return {
    model: live
      ? { id: live.id, kind: live.kind, createdAt: live.createdAt, tiers: tierQuality(live) }
      : null,
    horizonMonths,
    total,
    entries: rows.map((r) => ({
      ...r,
      scoreText: scoreWords(r.score, horizonMonths),
      factors: parseFactors(r.factors),
    })),
  };
}

/** One student's current score with its factors, and how it moved over time. */
export function studentRisk(db: Db, schoolId: string, studentId: string): StudentRisk {
  const current = db
    .prepare(
      'SELECT score, tier, factors, scored_at AS scoredAt FROM risk_scores WHERE school_id = ? AND student_id = ?',
    )
    .get(schoolId, studentId) as
    { score: number; tier: RiskTier; factors: string; scoredAt: string } | undefined;
  const history = db
    .prepare(
      `SELECT score, tier, scored_at AS scoredAt, model_version_id AS modelVersionId
       FROM risk_score_history WHERE school_id = ? AND student_id = ? ORDER BY scored_at`,
    )
    .all(schoolId, studentId) as StudentRisk['history'];
  const { horizonMonths } = readRiskSettings(db, schoolId);
  return {
    studentId,
    score: current?.score ?? null,
    scoreText: current ? scoreWords(current.score, horizonMonths) : null,
    horizonMonths,
    tier: current?.tier ?? null,
    factors: current ? parseFactors(current.factors) : [],
    scoredAt: current?.scoredAt ?? null,
    history,
  };
}
