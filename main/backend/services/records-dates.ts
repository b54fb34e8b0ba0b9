import type { Db } from '../../../db';
import { prepared } from './records-support';

/** Calendar arithmetic on YYYY-MM-DD dates, in UTC so no time zone or DST shift can move a day. */

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

/** The date `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = toUtc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const weekdayName = (date: string): string => weekdayNames[isoWeekday(date)] ?? 'Sunday';

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);

/** Every date from `from` to `to`, both included. */
export function* eachDate(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

/**
 * The first and last dates of a school year such as '2025-2026', given the month the school's
 * year starts in (9: 2025-09-01 to 2026-08-31).
 */
export function schoolYearRange(
  schoolYear: string,
  startMonth: number,
): { from: string; to: string } {
  const first = Number(schoolYear.slice(0, 4));
  const month = String(startMonth).padStart(2, '0');
  const from = `${first}-${month}-01`;
  return { from, to: addDays(`${first + 1}-${month}-01`, -1) };
}

/** The school year range for this school's configured start month. */
export function schoolYearRangeFor(
  db: Db,
  schoolId: string,
  schoolYear: string,
): { from: string; to: string } {
  const month = prepared(db, 'SELECT school_year_start_month FROM schools WHERE id = ?')
    .pluck()
    .get(schoolId) as number | undefined;
  return schoolYearRange(schoolYear, month ?? 9);
}
