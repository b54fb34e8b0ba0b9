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
import type { SchoolInputs, StudentFeatures, StudentRecords, StudentRows } from './types';

function asOfOf(rows: StudentRecords, att: DecodedAttendance, school: SchoolInputs): string | null {
  const day = latestSchoolDayRecord(att, school.calendar);
  let asOf = day === null ? null : dateOfEpochDay(day);
  for (const i of rows.incidents) if (asOf === null || i.date > asOf) asOf = i.date;
  for (const m of rows.marks)
    if (m.date !== null && (asOf === null || m.date > asOf)) asOf = m.date;
  return asOf;
}

/**
 * The student's own "as of" date: the latest of their attendance records on school days, their
 * incidents and their dated assessments. Recent windows end here rather than on the wall clock,
 * so features never go stale without a write and both refresh paths agree. Null with no such row.
 */
export function studentAsOf(rows: StudentRows, school: SchoolInputs): string | null {
  return asOfOf(rows, decodeAttendance(rows.attendance), school);
}

function computeFeatures(
  rows: StudentRecords,
  att: DecodedAttendance,
  school: SchoolInputs,
  anchor: string | null,
  cutoff: string | null,
): StudentFeatures {
  const anchorDay = anchor === null ? null : epochDay(anchor);
  const cutoffDay = cutoff === null ? null : epochDay(cutoff);
  return {
    asOf: anchor,
    ...attendanceFeatures(att, school.calendar, anchorDay, cutoffDay),
    ...behaviourFeatures(rows.incidents, anchorDay),
    ...courseFeatures(rows.marks, cutoff),
    ...historyFeatures(rows.student, rows.enrolments, rows.statusChanges, school, anchor, cutoff),
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
  return (asOf) => computeFeatures(rows, att, school, asOf, asOf);
}

/**
 * The features student_features holds: every live row counts, and the recent windows end on the
 * student's own as-of date (studentAsOf). Both refresh paths call this.
 */
export function currentFeatures(rows: StudentRows, school: SchoolInputs): StudentFeatures {
  return currentFeaturesDecoded(rows, decodeAttendance(rows.attendance), school);
}

/** currentFeatures for a reader that hands the attendance over already decoded (the rebuild). */
export function currentFeaturesDecoded(
  rows: StudentRecords,
  att: DecodedAttendance,
  school: SchoolInputs,
): StudentFeatures {
  return computeFeatures(rows, att, school, asOfOf(rows, att, school), null);
}
