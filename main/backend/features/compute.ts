import { attendanceFeatures, latestSchoolDayRecord } from './attendance';
import { behaviourFeatures } from './behaviour';
import { courseFeatures } from './course';
import { historyFeatures } from './history';
import {
  dateOfEpochDay,
  decodeAttendance,
  epochDay,
  type DecodedAttendance,
} from './packed-attendance';
import type {
  MarkLists,
  MarkRow,
  SchoolInputs,
  StudentFeatures,
  StudentRecords,
  StudentRows,
} from './types';

/** What the rules read besides attendance: a student's rows with the marks as lists. */
export type RuleRecords = StudentRecords<MarkLists>;

/** MarkRows as the rules' parallel lists (a MarkRow is its own assessment's facts). */
const markLists = (marks: readonly MarkRow[]): MarkLists => ({
  facts: marks,
  scores: marks.map((m) => m.score),
});

/** A student's rows but attendance, with the marks as lists: one literal of one shape. */
const ruleRecords = (rows: StudentRecords): RuleRecords => ({
  student: rows.student,
  incidents: rows.incidents,
  marks: markLists(rows.marks),
  enrolments: rows.enrolments,
  statusChanges: rows.statusChanges,
});

function asOfOf(rows: RuleRecords, att: DecodedAttendance, school: SchoolInputs): string | null {
  const day = latestSchoolDayRecord(att, school.calendar);
  let asOf = day === null ? null : dateOfEpochDay(day);
  for (const i of rows.incidents) if (asOf === null || i.date > asOf) asOf = i.date;
  for (const m of rows.marks.facts)
    if (m.date !== null && (asOf === null || m.date > asOf)) asOf = m.date;
  return asOf;
}

/**
 * The student's own "as of" date: the latest of their attendance records on school days, their
 * incidents and their dated assessments. Recent windows end here rather than on the wall clock,
 * so features never go stale without a write and both refresh paths agree. Null with no such row.
 */
export function studentAsOf(rows: StudentRows, school: SchoolInputs): string | null {
  return asOfOf(ruleRecords(rows), decodeAttendance(rows.attendance), school);
}

function computeFeatures(
  rows: RuleRecords,
  att: DecodedAttendance,
  school: SchoolInputs,
  anchor: string | null,
  cutoff: string | null,
): StudentFeatures {
  const anchorDay = anchor === null ? null : epochDay(anchor);
  const cutoffDay = cutoff === null ? null : epochDay(cutoff);
  const a = attendanceFeatures(att, school.calendar, anchorDay, cutoffDay);
  const b = behaviourFeatures(rows.incidents, anchorDay);
  const c = courseFeatures(rows.marks, cutoff);
  const h = historyFeatures(
    rows.student,
    rows.enrolments,
    rows.statusChanges,
    school,
    anchor,
    cutoff,
  );
  // One literal, not four spreads: a rebuild makes 5,000 of them, and spreading copies each
  // property through the runtime.
  return {
    asOf: anchor,
    schoolDays: a.schoolDays,
    attendanceRate: a.attendanceRate,
    attendanceRate30d: a.attendanceRate30d,
    attendanceTrend: a.attendanceTrend,
    longestAbsenceStreak: a.longestAbsenceStreak,
    lateCount: a.lateCount,
    incidentsSev1_90d: b.incidentsSev1_90d,
    incidentsSev2_90d: b.incidentsSev2_90d,
    incidentsSev3_90d: b.incidentsSev3_90d,
    suspensionDays: b.suspensionDays,
    averageMark: c.averageMark,
    lastTermAverage: c.lastTermAverage,
    markTrend: c.markTrend,
    failedSubjects: c.failedSubjects,
    overAgeYears: h.overAgeYears,
    repeatedGrade: h.repeatedGrade,
    schoolMoves: h.schoolMoves,
  };
}

/**
 * Features as they stood on `asOf`: every row dated after it is ignored (a mark is dated by its
 * assessment, else by its term's end) and the recent windows end on it. For training snapshots.
 */
export function featuresAsOf(
  rows: StudentRows,
  asOf: string,
  school: SchoolInputs,
): StudentFeatures {
  return featuresOverTime(rows, school)(asOf);
}

/**
 * featuresAsOf for one student at several dates: the attendance is decoded once, not once per
 * snapshot (training takes about six snapshots of every student).
 */
export function featuresOverTime(
  rows: StudentRows,
  school: SchoolInputs,
): (asOf: string) => StudentFeatures {
  const att = decodeAttendance(rows.attendance);
  const records = ruleRecords(rows);
  return (asOf) => computeFeatures(records, att, school, asOf, asOf);
}

/**
 * The features student_features holds: every live row counts, and the recent windows end on the
 * student's own as-of date (studentAsOf). Both refresh paths call this.
 */
export function currentFeatures(rows: StudentRows, school: SchoolInputs): StudentFeatures {
  return currentFeaturesDecoded(ruleRecords(rows), decodeAttendance(rows.attendance), school);
}

/**
 * currentFeatures for a reader that hands the attendance over already decoded and the marks as
 * lists (the rebuild).
 */
export function currentFeaturesDecoded(
  rows: RuleRecords,
  att: DecodedAttendance,
  school: SchoolInputs,
): StudentFeatures {
  return computeFeatures(rows, att, school, asOfOf(rows, att, school), null);
}
