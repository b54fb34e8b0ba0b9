import type { FeatureMeta } from '../../../models';
import type { StudentFeatures } from './types';

/**
 * The model's inputs: the ABC indicators of the feature store, as named columns with the words
 * staff read in explanations. Protected attributes (sex, ethnicity, income) are not here: they
 * are audit columns, used only to measure fairness, unless a school's setting adds them.
 */
export interface ModelInput {
  name: string;
  kind: 'numeric' | 'categorical';
  value(f: StudentFeatures): number | string | null;
  meta: FeatureMeta;
  /**
   * What a missing value means, in words shown apart from the reasons ("no marks recorded this
   * term"): missing data is never a reason for risk. Inputs that are never missing have none.
   */
  gap?: string;
}

const school = { referenceLabel: 'school median' };

export const modelInputs: readonly ModelInput[] = [
  {
    name: 'attendance_rate_30d',
    kind: 'numeric',
    value: (f) => f.attendanceRate30d,
    meta: {
      label: 'recent attendance',
      template: 'attended {value} of the last 30 school days',
      format: 'percent',
      ...school,
    },
    gap: 'no attendance recorded in the last 30 school days',
  },
  {
    name: 'attendance_rate',
    kind: 'numeric',
    value: (f) => f.attendanceRate,
    meta: {
      label: 'attendance',
      template: 'attended {value} of all school days',
      format: 'percent',
      ...school,
    },
    gap: 'no attendance recorded',
  },
  {
    name: 'attendance_trend',
    kind: 'numeric',
    value: (f) => f.attendanceTrend,
    meta: {
      label: 'attendance trend',
      template: 'attendance {value} against the 30 school days before',
      format: 'points',
      scale: 100,
      ...school,
    },
    gap: 'not enough attendance recorded to compare with the 30 school days before',
  },
  {
    name: 'longest_absence_streak',
    kind: 'numeric',
    value: (f) => f.longestAbsenceStreak,
    meta: {
      label: 'longest absence',
      template: 'longest run of absences {value}',
      format: 'integer',
      unit: ' school days',
      unitOne: ' school day',
      ...school,
    },
  },
  {
    name: 'late_rate',
    kind: 'numeric',
    value: (f) => (f.schoolDays > 0 ? f.lateCount / f.schoolDays : null),
    meta: {
      label: 'lateness',
      template: 'late on {value} of school days',
      format: 'percent',
      ...school,
    },
    gap: 'no attendance recorded',
  },
  {
    name: 'incidents_minor_90d',
    kind: 'numeric',
    value: (f) => f.incidentsSev1_90d,
    meta: {
      label: 'minor incidents',
      template: '{value} minor behaviour incidents in the last 90 days',
      templateOne: '{value} minor behaviour incident in the last 90 days',
      format: 'integer',
      ...school,
    },
  },
  {
    name: 'incidents_serious_90d',
    kind: 'numeric',
    value: (f) => f.incidentsSev2_90d,
    meta: {
      label: 'serious incidents',
      template: '{value} serious behaviour incidents in the last 90 days',
      templateOne: '{value} serious behaviour incident in the last 90 days',
      format: 'integer',
      ...school,
    },
  },
  {
    name: 'incidents_severe_90d',
    kind: 'numeric',
    value: (f) => f.incidentsSev3_90d,
    meta: {
      label: 'severe incidents',
      template: '{value} severe behaviour incidents in the last 90 days',
      templateOne: '{value} severe behaviour incident in the last 90 days',
      format: 'integer',
      ...school,
    },
  },
  {
    name: 'suspension_days',
    kind: 'numeric',
    value: (f) => f.suspensionDays,
    meta: {
      label: 'suspensions',
      template: 'suspended for {value}',
      format: 'integer',
      unit: ' days',
      unitOne: ' day',
      ...school,
    },
  },
  {
    name: 'average_mark',
    kind: 'numeric',
    value: (f) => f.averageMark,
    meta: {
      label: 'average mark',
      template: 'average mark {value}',
      format: 'decimal',
      decimals: 0,
      unit: '%',
      ...school,
    },
    gap: 'no marks recorded',
  },
  {
    name: 'last_term_average',
    kind: 'numeric',
    value: (f) => f.lastTermAverage,
    meta: {
      label: "last term's average",
      template: "last term's average mark {value}",
      format: 'decimal',
      decimals: 0,
      unit: '%',
      ...school,
    },
    gap: 'no marks recorded last term',
  },
  {
    name: 'mark_trend',
    kind: 'numeric',
    value: (f) => f.markTrend,
    meta: {
      label: 'mark trend',
      template: 'marks {value} since the term before',
      format: 'points',
      scale: 1,
      ...school,
    },
    gap: 'no marks in two terms to compare',
  },
  {
    name: 'failed_subjects',
    kind: 'numeric',
    value: (f) => f.failedSubjects,
    meta: {
      label: 'failed subjects',
      template: 'failing {value} in the latest term',
      format: 'integer',
      unit: ' subjects',
      unitOne: ' subject',
      ...school,
    },
  },
  {
    name: 'over_age_years',
    kind: 'numeric',
    value: (f) => f.overAgeYears,
    meta: {
      label: 'over age for grade',
      template: '{value} older than usual for the grade',
      format: 'integer',
      unit: ' years',
      unitOne: ' year',
      ...school,
    },
  },
  {
    name: 'repeated_grade',
    kind: 'categorical',
    value: (f) => (f.repeatedGrade ? 'yes' : 'no'),
    meta: {
      label: 'repeated a grade',
      template: 'repeated a grade: {value}',
      format: 'text',
      referenceLabel: 'most students',
    },
  },
  {
    name: 'school_moves',
    kind: 'numeric',
    value: (f) => f.schoolMoves,
    meta: {
      label: 'school moves',
      template: '{value} school moves',
      templateOne: '{value} school move',
      format: 'integer',
      ...school,
    },
  },
];

/** Protected attributes, as a student's record holds them. */
export interface ProtectedFacts {
  sex: string | null;
  ethnicity: string | null;
  lowIncome: number | null;
}

/**
 * Protected attributes as model inputs: only when a school's setting asks for them (by default
 * they are audit columns only). Categorical, so a missing value is simply no category.
 */
export const protectedInputs: readonly {
  name: string;
  value(p: ProtectedFacts): string | null;
  meta: FeatureMeta;
}[] = [
  {
    name: 'sex',
    value: (p) => p.sex,
    meta: {
      label: 'sex',
      template: 'sex: {value}',
      format: 'text',
      referenceLabel: 'most students',
    },
  },
  {
    name: 'ethnicity',
    value: (p) => p.ethnicity,
    meta: {
      label: 'ethnicity',
      template: 'ethnicity: {value}',
      format: 'text',
      referenceLabel: 'most students',
    },
  },
  {
    name: 'low_income',
    value: (p) => (p.lowIncome === null ? null : p.lowIncome ? 'yes' : 'no'),
    meta: {
      label: 'low income',
      template: 'low income: {value}',
      format: 'text',
      referenceLabel: 'most students',
    },
  },
];

/** The data-gap words of each input that can be missing. */
export const inputGap: Readonly<Record<string, string>> = Object.fromEntries(
  modelInputs.flatMap((i) => (i.gap ? [[i.name, i.gap]] : [])),
);

export const inputMeta: Readonly<Record<string, FeatureMeta>> = Object.fromEntries([
  ...modelInputs.map((i) => [i.name, i.meta]),
  ...protectedInputs.map((i) => [i.name, i.meta]),
]);

/** The protected columns of a student's model row (for models trained with them). */
export function protectedRow(p: ProtectedFacts): Record<string, string | null> {
  return Object.fromEntries(protectedInputs.map((i) => [i.name, i.value(p)]));
}

/** One student's model row from their features. */
export function inputRow(f: StudentFeatures): Record<string, number | string | null> {
  return Object.fromEntries(modelInputs.map((i) => [i.name, i.value(f)]));
}
