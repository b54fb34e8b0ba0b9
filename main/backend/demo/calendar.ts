/** School-year calendars for the demo school: weekdays from September to June, minus breaks. */

export interface DemoTerm {
  name: string;
  start: string;
  end: string;
}

export interface DemoYear {
  /** '2024-2025' */
  label: string;
  startYear: number;
  terms: DemoTerm[];
  /** Every weekday in the year's terms, with its kind. */
  days: { date: string; kind: 'school_day' | 'holiday' }[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Adds whole days to a YYYY-MM-DD date. */
export const addDays = (date: string, n: number): string =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));

/** Builds the calendar of the school year that starts in September of `startYear`. */
export function demoYear(startYear: number): DemoYear {
  const y = startYear;
  const terms: DemoTerm[] = [
    { name: 'Term 1', start: iso(utc(y, 9, 8)), end: iso(utc(y, 12, 19)) },
    { name: 'Term 2', start: iso(utc(y + 1, 1, 5)), end: iso(utc(y + 1, 3, 27)) },
    { name: 'Term 3', start: iso(utc(y + 1, 4, 13)), end: iso(utc(y + 1, 6, 26)) },
  ];
  // Public holidays and a mid-term break that fall inside terms.
  const holidays = new Set([
    iso(utc(y, 10, 5)),
    iso(utc(y, 11, 1)),
    iso(utc(y, 12, 1)),
    iso(utc(y, 12, 8)),
    ...[0, 1, 2].map((i) => iso(utc(y + 1, 2, 16 + i))),
    iso(utc(y + 1, 4, 25)),
    iso(utc(y + 1, 5, 1)),
    iso(utc(y + 1, 6, 10)),
  ]);
  const days: DemoYear['days'] = [];
  for (const term of terms) {
    for (let d = term.start; d <= term.end; d = addDays(d, 1)) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      days.push({ date: d, kind: holidays.has(d) ? 'holiday' : 'school_day' });
    }
  }
  return { label: `${y}-${y + 1}`, startYear: y, terms, days };
}
