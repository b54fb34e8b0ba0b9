import type {
  JobView,
  ModelVersionView,
  RiskFactorView,
  RiskList,
  RiskSettingsView,
  RiskTier,
  StudentRisk,
} from '../../../contract';
import type { Db } from '../../../db';
import type { Job } from '../jobs/queue';
import type { RiskSettings } from '../scoring/risk-settings';
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
  metrics: v.metrics,
});

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
    'factors'
  > & {
    factors: string;
  })[];
  return {
    model: live ? { id: live.id, kind: live.kind, createdAt: live.createdAt } : null,
    total,
    entries: rows.map((r) => ({ ...r, factors: JSON.parse(r.factors) as RiskFactorView[] })),
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
  return {
    studentId,
    score: current?.score ?? null,
    tier: current?.tier ?? null,
    factors: current ? (JSON.parse(current.factors) as RiskFactorView[]) : [],
    scoredAt: current?.scoredAt ?? null,
    history,
  };
}
