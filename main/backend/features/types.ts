import type { PackedAttendance } from './packed-attendance';

/**
 * The raw rows one student's features are computed from, the school-wide inputs they depend on,
 * and the features themselves. Every row here is live (deleted_at IS NULL); whoever loads them
 * filters the tombstones out.
 */
export type AttendanceStatus = 'present' | 'absent' | 'late' | 'excused';

export interface AttendanceRow {
  date: string;
  status: AttendanceStatus;
}

export interface IncidentRow {
  date: string;
  severity: number;
  suspensionDays: number;
}

export interface MarkRow {
  score: number;
  maxScore: number;
  weight: number;
  subject: string;
  /** The assessment's date, when it has one. */
  date: string | null;
  /** The assessment's term, when it has a live one. */
  termId: string | null;
  termStart: string | null;
  termEnd: string | null;
}

export interface EnrolmentRow {
  startDate: string;
  /** The class's school year, '2025-2026'. */
  schoolYear: string;
  gradeLevel: number | null;
}

export interface StatusChangeRow {
  status: string;
  effectiveDate: string;
}

export interface StudentFacts {
  dateOfBirth: string | null;
  gradeLevel: number | null;
  entryDate: string | null;
}

/** A mark's assessment: everything of a MarkRow but the score. */
export type AssessmentFacts = Omit<MarkRow, 'score'>;

/**
 * Marks as the rules read them: two parallel lists, each mark's assessment and its score, in the
 * order the rules add them up. The rebuild's reader fills them with the school's shared
 * assessment objects, so 120,000 marks cost no object each; `markLists` turns MarkRows into them.
 */
export interface MarkLists {
  facts: readonly AssessmentFacts[];
  scores: ArrayLike<number>;
}

/** A student's rows besides their attendance (the marks as MarkRows, or as the rules' lists). */
export interface StudentRecords<Marks = MarkRow[]> {
  student: StudentFacts;
  incidents: IncidentRow[];
  marks: Marks;
  enrolments: EnrolmentRow[];
  statusChanges: StatusChangeRow[];
}

/** Everything one student's features are a function of, besides the school's own inputs. */
export interface StudentRows extends StudentRecords {
  /**
   * One entry per date, in date order (see packed-attendance.ts; packAttendance builds it from
   * rows, and the loaders return it sorted).
   */
  attendance: PackedAttendance;
}

/** The school-wide inputs: its calendar and two settings. */
export interface SchoolInputs {
  calendar: SchoolCalendar;
  /** Month (1-12) on whose first day the school year starts. */
  schoolYearStartMonth: number;
  /** Expected age for a grade = grade + this (default 6). */
  expectedAgeOffset: number;
}

/**
 * The school's calendar as features need it. With school days listed, only those dates count;
 * with none listed, every date except the listed holidays and closures counts.
 */
export interface SchoolCalendar {
  /** Listed school days as days since 1970-01-01, ascending; empty when none are listed. */
  dayNumbers: Int32Array;
  /** Position of each listed school day (by day number) in `dayNumbers`. */
  dayIndex: ReadonlyMap<number, number>;
  /** Days (since 1970-01-01) listed as holiday or closure. */
  offDays: ReadonlySet<number>;
  /**
   * The same facts as one table that `dayCode` (calendar.ts) reads: `codes[day - codesFrom]` is
   * a listed school day's position, or 0 for a day that counts when none are listed, or -1 for
   * a day that does not count; days outside the table have `codeOutside`.
   */
  codesFrom: number;
  codes: Int32Array;
  codeOutside: number;
}

/** One student's features, as stored in student_features (rates are fractions, marks percent). */
export interface StudentFeatures {
  asOf: string | null;
  schoolDays: number;
  attendanceRate: number | null;
  attendanceRate30d: number | null;
  attendanceTrend: number | null;
  longestAbsenceStreak: number;
  lateCount: number;
  incidentsSev1_90d: number;
  incidentsSev2_90d: number;
  incidentsSev3_90d: number;
  suspensionDays: number;
  averageMark: number | null;
  lastTermAverage: number | null;
  markTrend: number | null;
  failedSubjects: number;
  overAgeYears: number;
  repeatedGrade: boolean;
  schoolMoves: number;
}
