import { noInput } from '../schemas';
import { request } from '../spec';
import type { RiskTier } from './risk';

/** Students in one tier now, and a week before (null: nobody was scored then). */
export interface TierCount {
  tier: RiskTier;
  students: number;
  weekAgo: number | null;
}

/** A student the home page names, e.g. one newly at high risk. */
export interface DashboardStudent {
  studentId: string;
  studentNumber: string;
  name: string;
  className: string | null;
  score: number;
}

/** One of the signed-in teacher's classes, and whether today's register is still to take. */
export interface ClassToday {
  classId: string;
  name: string;
  enrolled: number;
  /** False on a holiday, closure or a day the calendar leaves blank: no register is due. */
  schoolDay: boolean;
  /** True once anything was saved in today's register for the class. */
  registerTaken: boolean;
}

/**
 * The home page's figures, computed in the backend. A teacher's figures cover only the
 * students in their classes today (`scope: 'classes'`); leaders see the whole school.
 */
export interface Dashboard {
  today: string;
  scope: 'school' | 'classes';
  /** Active students with a current score. */
  scored: number;
  /** High, medium, low. */
  tiers: TierCount[];
  /** The moment the week-ago figures describe (now minus seven days). */
  weekAgo: string;
  /**
   * Chronic absence: students who missed at least a tenth of school days this year
   * (attendance under `threshold`), out of the students with any attendance recorded.
   */
  chronicAbsence: { students: number; measured: number; threshold: number };
  /**
   * Students at high risk now who were scored a week ago in a lower tier, highest score first;
   * null when nobody was scored a week ago (nothing to compare with).
   */
  newlyHigh: DashboardStudent[] | null;
  /** Open interventions whose review date has come. */
  interventionsDue: { count: number; oldestReview: string | null };
  /** The live model; null before the first one is trained. */
  model: { id: string; kind: string; trainedAt: string; liveSince: string | null } | null;
  /** The newest backup (leaders only; null when none or not shown to the role). */
  lastBackupAt: string | null;
  /** The last successful sync with the district server; null when never (or not set up). */
  lastSyncAt: string | null;
  /** The caller's own classes this school year, with today's register state. */
  classesToday: ClassToday[];
}

/** The home page. */
export const dashboardRequests = {
  dashboard: request<Dashboard>()(noInput, 'user'),
};
