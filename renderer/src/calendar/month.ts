/** A month as the calendar shows it: year and month (1-12). */
export interface Month {
  year: number;
  month: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The date "YYYY-MM-DD" of `day` in `m`. */
export const isoDay = (m: Month, day: number): string => `${m.year}-${pad(m.month)}-${pad(day)}`;

/** The number of days in a month. */
export const daysIn = (m: Month): number => new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();

/** The month `delta` months after `m` (before, when negative). */
export function addMonths(m: Month, delta: number): Month {
  const index = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The month a date "YYYY-MM-DD" falls in. */
export const monthOf = (iso: string): Month => ({
  year: Number(iso.slice(0, 4)),
  month: Number(iso.slice(5, 7)),
});

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The month's weeks, Monday first, each seven dates or null for the days of the months either
 * side, so the grid lines up under its weekday headings.
 */
export function monthWeeks(m: Month): (string | null)[][] {
  const days = Array.from({ length: daysIn(m) }, (_, i) => isoDay(m, i + 1));
  const cells: (string | null)[] = [
    ...Array.from({ length: isoWeekday(days[0]!) - 1 }, () => null),
    ...days,
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}
