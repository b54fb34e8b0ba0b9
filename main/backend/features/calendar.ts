import { ENTRY, epochDay, epochDayAt } from './packed-attendance';
import type { SchoolCalendar } from './types';

function fromDays(schoolDays: number[], offDays: Set<number>): SchoolCalendar {
  const dayNumbers = Int32Array.from(schoolDays).sort();
  const dayIndex = new Map<number, number>();
  for (let i = 0; i < dayNumbers.length; i++) dayIndex.set(dayNumbers[i] as number, i);
  return { dayNumbers, dayIndex, offDays };
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

/** Whether a record on this epoch day counts: a listed school day, or any day not listed as off. */
export function countsAsSchoolDay(cal: SchoolCalendar, day: number): boolean {
  return cal.dayNumbers.length > 0 ? cal.dayIndex.has(day) : !cal.offDays.has(day);
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
