import type { ClassToday, Dashboard, DashboardStudent, RiskTier } from '../../../contract';
import { BeaconError, prepared, type Db } from '../../../db';
import { listClasses } from './classes';
import { listInterventionsDue } from './interventions';
import { champion, liveHistory } from './model-registry';
import { openRegister } from './register';

/** Attendance under this share of school days is chronic absence (missing a tenth or more). */
export const CHRONIC_ABSENCE_BELOW = 0.9;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const tiers: RiskTier[] = ['high', 'medium', 'low'];

export interface DashboardQuery {
  /** Today in the school's calendar. */
  today: string;
  /** The wall clock in ms: "a week ago" is seven days before it. */
  now: number;
  /** A teacher sees only the students in their classes today; null: the whole school. */
  teacherId: string | null;
  /** Whose classes and registers to list (the caller; null for a system actor). */
  userId: string | null;
}

/** The students a figure counts: active ones, or only those in the teacher's classes today. */
const scope = `scope AS (
  SELECT s.id FROM students s
  WHERE s.school_id = @school AND s.deleted_at IS NULL AND s.status = 'active'
    AND s.archived_at IS NULL
    AND (@teacher IS NULL OR EXISTS (
      SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id
      WHERE e.school_id = s.school_id AND e.student_id = s.id AND c.teacher_id = @teacher
        AND e.deleted_at IS NULL AND c.deleted_at IS NULL
        AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today))))`;

/** Each student's last score at or before @weekAgo. */
const before = `before AS (
  SELECT student_id, tier FROM (
    SELECT h.student_id, h.tier,
      row_number() OVER (PARTITION BY h.student_id ORDER BY h.scored_at DESC, h.rowid DESC) AS n
    FROM risk_score_history h JOIN scope ON scope.id = h.student_id
    WHERE h.school_id = @school AND h.scored_at <= @weekAgo)
  WHERE n = 1)`;

const tierCountsSql = `WITH ${scope}
  SELECT r.tier, count(*) AS n FROM risk_scores r JOIN scope ON scope.id = r.student_id
  WHERE r.school_id = @school GROUP BY r.tier`;

const tierCountsBeforeSql = `WITH ${scope}, ${before}
  SELECT tier, count(*) AS n FROM before GROUP BY tier`;

const newlyHighSql = `WITH ${scope}, ${before}
  SELECT r.student_id AS studentId, s.student_number AS studentNumber,
    s.first_name || ' ' || s.last_name AS name, r.score,
    (SELECT min(c.name) FROM enrolments e JOIN classes c ON c.id = e.class_id
      WHERE e.school_id = r.school_id AND e.student_id = r.student_id
        AND e.deleted_at IS NULL AND c.deleted_at IS NULL
        AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)) AS className
  FROM risk_scores r JOIN scope ON scope.id = r.student_id
    JOIN before b ON b.student_id = r.student_id
    JOIN students s ON s.id = r.student_id
  WHERE r.school_id = @school AND r.tier = 'high' AND b.tier <> 'high'
  ORDER BY r.score DESC, s.last_name LIMIT 50`;

const chronicSql = `WITH ${scope}
  SELECT coalesce(sum(f.attendance_rate < @threshold), 0) AS absent, count(*) AS measured
  FROM student_features f JOIN scope ON scope.id = f.student_id
  WHERE f.school_id = @school AND f.attendance_rate IS NOT NULL`;

function counts(rows: { tier: RiskTier; n: number }[]): Map<RiskTier, number> {
  return new Map(rows.map((r) => [r.tier, r.n]));
}

/** The caller's own classes with students today, and whether today's register is taken. */
function classesToday(db: Db, schoolId: string, q: DashboardQuery): ClassToday[] {
  if (!q.userId) return [];
  const classes = listClasses(db, schoolId, { onDate: q.today, teacherId: q.userId }).filter(
    (c) => c.enrolledCount > 0,
  );
  return classes.map((c) => {
    try {
      const register = openRegister(db, schoolId, { classId: c.id, date: q.today });
      const taken = register.entries.some((e) => e.status !== null);
      return {
        classId: c.id,
        name: c.name,
        enrolled: c.enrolledCount,
        schoolDay: true,
        registerTaken: taken,
      };
    } catch (err) {
      // openRegister refuses a day that is not a school day: no register is due then.
      if (err instanceof BeaconError && err.code === 'INVALID_INPUT') {
        return {
          classId: c.id,
          name: c.name,
          enrolled: c.enrolledCount,
          schoolDay: false,
          registerTaken: false,
        };
      }
      throw err;
    }
  });
}

/**
 * The home page's figures for a school (or a teacher's classes): tiers now and a week ago,
 * chronic absence, students newly at high risk, interventions due, the live model, and the
 * caller's registers still to take today. Backup and sync times are added by the handler,
 * which can see the backup folder.
 */
export function dashboard(
  db: Db,
  schoolId: string,
  q: DashboardQuery,
): Omit<Dashboard, 'lastBackupAt' | 'lastSyncAt'> {
  const weekAgo = new Date(q.now - WEEK_MS).toISOString();
  const params = { school: schoolId, teacher: q.teacherId, today: q.today, weekAgo };
  const now = counts(prepared(db, tierCountsSql).all(params) as { tier: RiskTier; n: number }[]);
  const past = counts(
    prepared(db, tierCountsBeforeSql).all(params) as { tier: RiskTier; n: number }[],
  );
  const comparable = past.size > 0;
  const chronic = prepared(db, chronicSql).get({ ...params, threshold: CHRONIC_ABSENCE_BELOW }) as {
    absent: number;
    measured: number;
  };
  const due = listInterventionsDue(db, schoolId, { today: q.today, teacherId: q.teacherId });
  const live = champion(db, schoolId);
  const span = live
    ? liveHistory(db, schoolId).find((s) => s.modelVersionId === live.id && s.liveTo === null)
    : undefined;
  return {
    today: q.today,
    scope: q.teacherId ? 'classes' : 'school',
    scored: [...now.values()].reduce((a, b) => a + b, 0),
    tiers: tiers.map((tier) => ({
      tier,
      students: now.get(tier) ?? 0,
      weekAgo: comparable ? (past.get(tier) ?? 0) : null,
    })),
    weekAgo,
    chronicAbsence: {
      students: chronic.absent,
      measured: chronic.measured,
      threshold: CHRONIC_ABSENCE_BELOW,
    },
    newlyHigh: comparable ? (prepared(db, newlyHighSql).all(params) as DashboardStudent[]) : null,
    interventionsDue: {
      count: due.length,
      oldestReview: due.reduce<string | null>(
        (oldest, i) => (i.reviewDate && (!oldest || i.reviewDate < oldest) ? i.reviewDate : oldest),
        null,
      ),
    },
    model: live
      ? {
          id: live.id,
          kind: live.kind,
          trainedAt: live.createdAt,
          liveSince: span?.liveFrom ?? null,
        }
      : null,
    classesToday: classesToday(db, schoolId, q),
  };
}
