import type { CalendarKind } from '../../../contract/domains/records-calendar';
import type { Db } from '../../../db';
import { prepared } from './records-support';

/**
 * Which dates are school days. Kept apart from the calendar's write service so the feature store
 * can import it without a cycle: attendance rates count school days only.
 */

/** The calendar's entry for a date, or null when nothing is set for it. */
export function calendarEntry(
  db: Db,
  schoolId: string,
  date: string,
): { kind: CalendarKind; note: string | null } | null {
  const row = prepared(
    db,
    `SELECT kind, note FROM school_calendar
     WHERE school_id = ? AND date = ? AND deleted_at IS NULL`,
  ).get(schoolId, date) as { kind: CalendarKind; note: string | null } | undefined;
  return row ?? null;
}

/** True when the school calendar marks `date` as a school day (not a holiday, closure or blank). */
export function isSchoolDay(db: Db, schoolId: string, date: string): boolean {
  return calendarEntry(db, schoolId, date)?.kind === 'school_day';
}

/** The school days from `from` to `to`, both included, in date order. */
export function schoolDaysBetween(db: Db, schoolId: string, from: string, to: string): string[] {
  return prepared(
    db,
    `SELECT date FROM school_calendar
     WHERE school_id = ? AND date BETWEEN ? AND ? AND kind = 'school_day' AND deleted_at IS NULL
     ORDER BY date`,
  )
    .pluck()
    .all(schoolId, from, to) as string[];
}
