import { countsAsSchoolDay, dayCode, listsSchoolDays, schoolDaysThrough } from './calendar';
import type { DecodedAttendance } from './packed-attendance';
import type { SchoolCalendar } from './types';

export interface AttendanceFeatures {
  schoolDays: number;
  attendanceRate: number | null;
  attendanceRate30d: number | null;
  attendanceTrend: number | null;
  longestAbsenceStreak: number;
  lateCount: number;
}

/** The window behind "the last 30 school days". */
export const RECENT_SCHOOL_DAYS = 30;

const P = 'p'.charCodeAt(0);
const A = 'a'.charCodeAt(0);
const L = 'l'.charCodeAt(0);

const rate = (attended: number, absent: number): number | null =>
  attended + absent === 0 ? null : attended / (attended + absent);

/** The latest day number with a record on a school day, or null. */
export function latestSchoolDayRecord(att: DecodedAttendance, cal: SchoolCalendar): number | null {
  for (let i = att.days.length - 1; i >= 0; i--) {
    const day = att.days[i] as number;
    if (countsAsSchoolDay(cal, day)) return day;
  }
  return null;
}

/**
 * Attendance indicators over the student's records on school days up to `cutoffDay` (all of them
 * when null), with the recent windows ending at `anchorDay` (day numbers). Present and late count
 * as attended, absent as absent, excused as neither. See docs/features.md for each rule.
 */
export function attendanceFeatures(
  att: DecodedAttendance,
  cal: SchoolCalendar,
  anchorDay: number | null,
  cutoffDay: number | null,
): AttendanceFeatures {
  const { days: dates, statuses } = att;
  const listed = listsSchoolDays(cal);
  const lastDay = cutoffDay ?? Infinity;

  // Pass 1, oldest first: totals and the longest streak. `end` is where counted records stop.
  let days = 0;
  let attended = 0;
  let absent = 0;
  let late = 0;
  let streak = 0;
  let longest = 0;
  let throughAnchor = 0;
  let end = 0;
  for (; end < dates.length; end++) {
    const day = dates[end] as number;
    if (day > lastDay) break;
    if (!countsAsSchoolDay(cal, day)) continue;
    days++;
    if (anchorDay !== null && day <= anchorDay) throughAnchor++;
    const s = statuses[end] as number;
    if (s === P || s === L) {
      attended++;
      if (s === L) late++;
      streak = 0;
    } else if (s === A) {
      absent++;
      if (++streak > longest) longest = streak;
    }
    // Excused: neither attended nor absent, and it neither breaks nor extends a streak.
  }

  // The school-day axis: listed school days by their position in the calendar; with none
  // listed, the student's own counted dates by rank.
  let anchorPos = -1;
  if (anchorDay !== null) {
    anchorPos = listed ? schoolDaysThrough(cal, anchorDay) - 1 : throughAnchor - 1;
  }
  const recentStart = anchorPos - RECENT_SCHOOL_DAYS + 1;
  const previousStart = recentStart - RECENT_SCHOOL_DAYS;

  // Pass 2, newest first, until the records fall before the previous window.
  let recentAttended = 0;
  let recentAbsent = 0;
  let previousAttended = 0;
  let previousAbsent = 0;
  let rank = days;
  for (let i = end - 1; i >= 0 && anchorPos >= 0; i--) {
    const day = dates[i] as number;
    const code = dayCode(cal, day);
    if (code < 0) continue;
    const pos = listed ? code : --rank;
    if (pos < previousStart) break;
    if (pos > anchorPos) continue;
    const s = statuses[i] as number;
    const isAttended = s === P || s === L;
    if (pos >= recentStart) {
      if (isAttended) recentAttended++;
      else if (s === A) recentAbsent++;
    } else if (isAttended) previousAttended++;
    else if (s === A) previousAbsent++;
  }
  const recent = anchorPos < 0 ? null : rate(recentAttended, recentAbsent);
  const previous = anchorPos < 0 ? null : rate(previousAttended, previousAbsent);
  return {
    schoolDays: days,
    attendanceRate: rate(attended, absent),
    attendanceRate30d: recent,
    attendanceTrend: recent === null || previous === null ? null : recent - previous,
    longestAbsenceStreak: longest,
    lateCount: late,
  };
}
