import { ageOn, schoolYearStart, schoolYearStartOf } from './dates';
import { epochDay } from './packed-attendance';
import type { EnrolmentRow, SchoolInputs, StatusChangeRow, StudentFacts } from './types';

export interface HistoryFeatures {
  overAgeYears: number;
  repeatedGrade: boolean;
  schoolMoves: number;
}

/**
 * An entry this many days or more after its school year's first day counts as a mid-year move,
 * unless it falls within the summer lead-in to the next school year (see isMidYearEntry).
 */
export const MID_YEAR_ENTRY_DAYS = 30;
/** Entries this close before a school year starts are joining for that year, not moving. */
export const NEXT_YEAR_LEAD_DAYS = 60;

/** True when a student who entered on `entry` arrived while a school year was under way. */
export function isMidYearEntry(entry: string, startMonth: number): boolean {
  const start = schoolYearStartOf(entry, startMonth);
  const next = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
  const day = epochDay(entry);
  return day - epochDay(start) >= MID_YEAR_ENTRY_DAYS && epochDay(next) - day > NEXT_YEAR_LEAD_DAYS;
}

const known = (date: string, cutoff: string | null) => cutoff === null || date <= cutoff;

/** The grade and school-year start over-age is measured against, when they can be known. */
function gradeAndYearStart(
  student: StudentFacts,
  enrolments: readonly EnrolmentRow[],
  school: SchoolInputs,
  anchor: string | null,
  cutoff: string | null,
): { grade: number; yearStart: string } | null {
  let latest: EnrolmentRow | null = null;
  for (const e of enrolments) {
    if (e.gradeLevel === null || !known(e.startDate, cutoff)) continue;
    if (
      latest === null ||
      e.schoolYear > latest.schoolYear ||
      (e.schoolYear === latest.schoolYear && e.startDate > latest.startDate)
    ) {
      latest = e;
    }
  }
  if (latest !== null && latest.gradeLevel !== null) {
    return {
      grade: latest.gradeLevel,
      yearStart: schoolYearStart(latest.schoolYear, school.schoolYearStartMonth),
    };
  }
  if (student.gradeLevel !== null && anchor !== null) {
    return {
      grade: student.gradeLevel,
      yearStart: schoolYearStartOf(anchor, school.schoolYearStartMonth),
    };
  }
  return null;
}

/** True when a class in a later school year has the same or a lower grade than an earlier one. */
function repeated(enrolments: readonly EnrolmentRow[], cutoff: string | null): boolean {
  const byYear = new Map<string, number[]>();
  for (const e of enrolments) {
    if (e.gradeLevel === null || !known(e.startDate, cutoff)) continue;
    const grades = byYear.get(e.schoolYear);
    if (grades) grades.push(e.gradeLevel);
    else byYear.set(e.schoolYear, [e.gradeLevel]);
  }
  let highestEarlier = -Infinity;
  for (const year of [...byYear.keys()].sort()) {
    let highest = highestEarlier;
    for (const g of byYear.get(year) as number[]) {
      if (g <= highestEarlier) return true;
      if (g > highest) highest = g;
    }
    highestEarlier = highest;
  }
  return false;
}

/**
 * History indicators from rows dated on or before `cutoff` (all when null): years over the
 * expected age for the current grade, whether a grade was repeated, and moves between schools.
 */
export function historyFeatures(
  student: StudentFacts,
  enrolments: readonly EnrolmentRow[],
  statusChanges: readonly StatusChangeRow[],
  school: SchoolInputs,
  anchor: string | null,
  cutoff: string | null,
): HistoryFeatures {
  let overAgeYears = 0;
  const basis = gradeAndYearStart(student, enrolments, school, anchor, cutoff);
  if (basis !== null && student.dateOfBirth !== null) {
    const expected = basis.grade + school.expectedAgeOffset;
    overAgeYears = Math.max(0, ageOn(student.dateOfBirth, basis.yearStart) - expected);
  }

  let moves = 0;
  for (const c of statusChanges) {
    if (
      (c.status === 'transferred_out' || c.status === 'returned') &&
      known(c.effectiveDate, cutoff)
    ) {
      moves++;
    }
  }
  const entry = student.entryDate;
  if (entry !== null && known(entry, cutoff)) {
    if (isMidYearEntry(entry, school.schoolYearStartMonth)) moves++;
  }
  return { overAgeYears, repeatedGrade: repeated(enrolments, cutoff), schoolMoves: moves };
}
