import { ENTRY, epochDay, epochDayAt } from './packed-attendance';
import type { SchoolCalendar } from './types';

function fromDays(schoolDays: number[], offDays: Set<number>): SchoolCalendar {
  const dayNumbers = Int32Array.from(schoolDays).sort();
  const dayIndex = new Map<number, number>();
  for (let i = 0; i < dayNumbers.length; i++) dayIndex.set(dayNumbers[i] as number, i);
  return { dayNumbers, dayIndex, offDays, ...dayCodes(dayNumbers, dayIndex, offDays) };
}

/**
 * The table behind `dayCode`: with school days listed, each listed day's position (-1 for the
 * days between them); with none, -1 for the days listed off and 0 for the days between them.
 * Rules look a day up once per attendance record, a million times in a rebuild: an array read
 * instead of a Map lookup.
 */
function dayCodes(
  dayNumbers: Int32Array,
  dayIndex: ReadonlyMap<number, number>,
  offDays: ReadonlySet<number>,
): Pick<SchoolCalendar, 'codesFrom' | 'codes' | 'codeOutside'> {
  const listed = dayNumbers.length > 0;
  const covered = listed ? dayNumbers : Int32Array.from(offDays).sort();
  if (covered.length === 0) return { codesFrom: 0, codes: new Int32Array(0), codeOutside: 0 };
  const from = covered[0] as number;
  const codes = new Int32Array((covered[covered.length - 1] as number) - from + 1);
  if (listed) {
    codes.fill(-1);
    for (const [day, position] of dayIndex) codes[day - from] = position;
  } else {
    for (const day of offDays) codes[day - from] = -1;
  }
  return { codesFrom: from, codes, codeOutside: listed ? -1 : 0 };
}

/** Builds the calendar from a school's live calendar rows (any order). */
export function buildCalendar(rows: Iterable<{ date: string; kind: string }>): SchoolCalendar {
  const schoolDays: number[] = [];
  const offDays = new Set<number>();
  for (const r of rows) {
    if (r.kind === 'school_day') schoolDays.push(epochDay(r.date));
    else offDays.add(epochDay(r.date));
  }
  return fromDays(schoolDays, offDays);
}

/** SQL that packs calendar rows for unpackCalendar (use with group_concat(..., '')). */
export const calendarPackSql = `date || substr(kind, 1, 1)`;

/** Builds the calendar from rows packed as 'YYYY-MM-DD' + the kind's first letter (s, h, c). */
export function unpackCalendar(packed: string): SchoolCalendar {
  const schoolDays: number[] = [];
  const offDays = new Set<number>();
  for (let off = 0; off + ENTRY <= packed.length; off += ENTRY) {
    if (packed.charAt(off + 10) === 's') schoolDays.push(epochDayAt(packed, off));
    else offDays.add(epochDayAt(packed, off));
  }
  return fromDays(schoolDays, offDays);
}

/** True when the school lists its school days, so that only listed dates count. */
export const listsSchoolDays = (cal: SchoolCalendar): boolean => cal.dayNumbers.length > 0;

/**
 * -1 when a record on this epoch day does not count; else, with school days listed, the day's
 * position among them, and with none listed, 0 (every day not listed as off counts).
 */
export function dayCode(cal: SchoolCalendar, day: number): number {
  const i = day - cal.codesFrom;
  return i >= 0 && i < cal.codes.length ? (cal.codes[i] as number) : cal.codeOutside;
}

/** Whether a record on this epoch day counts: a listed school day, or any day not listed as off. */
export function countsAsSchoolDay(cal: SchoolCalendar, day: number): boolean {
  return dayCode(cal, day) >= 0;
}

/** Number of listed school days on or before the epoch day `day`. */
export function schoolDaysThrough(cal: SchoolCalendar, day: number): number {
  const days = cal.dayNumbers;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
