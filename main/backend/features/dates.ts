/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings. Dates here are the school's own calendar dates, so
 * they carry no time zone: arithmetic runs in UTC and strings compare in date order.
 */

const DAY_MS = 86_400_000;

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years of age on `date` for someone born on `birth` (a 29 February birthday counts on 1 March). */
export function ageOn(birth: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  return date.slice(5) < birth.slice(5) ? years - 1 : years;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** First day of a school year written '2025-2026', given the month the school year starts in. */
export function schoolYearStart(schoolYear: string, startMonth: number): string {
  return `${schoolYear.slice(0, 4)}-${pad2(startMonth)}-01`;
}

/** First day of the school year that `date` falls in. */
export function schoolYearStartOf(date: string, startMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${month >= startMonth ? year : year - 1}-${pad2(startMonth)}-01`;
}
