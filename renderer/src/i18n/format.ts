import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  /** A calendar date or timestamp as a long date, e.g. "3 December 2026" / "3 décembre 2026". */
  date(iso: string): string;
  /** A timestamp with date and time. */
  dateTime(iso: string): string;
  /** A count or measure, grouped as the language writes it. */
  number(value: number, decimals?: number): string;
  /** A share (0.25) as a percentage ("25%", "25 %"). */
  percent(share: number, decimals?: number): string;
  /** A month "YYYY-MM" with its year, e.g. "October 2025" / "octobre 2025". */
  month(yyyyMm: string): string;
}

/** A calendar date "YYYY-MM-DD" is read as that day everywhere, not as UTC midnight. */
function toDate(iso: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
}

/** Dates, numbers and percentages in the window's current language, through Intl. */
export function formatters(language: string): Formatters {
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'long' });
  const moment = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  // Building an Intl formatter costs far more than using one, and long tables format thousands.
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (style: 'decimal' | 'percent', decimals: number) => {
    const key = `${style}:${decimals}`;
    let made = numbers.get(key);
    if (!made) {
      made = new Intl.NumberFormat(language, { style, maximumFractionDigits: decimals });
      numbers.set(key, made);
    }
    return made;
  };
  const monthYear = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric' });
  return {
    date: (iso) => day.format(toDate(iso)),
    dateTime: (iso) => moment.format(toDate(iso)),
    number: (value, decimals = 0) => numberFormat('decimal', decimals).format(value),
    percent: (share, decimals = 0) => numberFormat('percent', decimals).format(share),
    month: (yyyyMm) => monthYear.format(toDate(`${yyyyMm}-15`)),
  };
}

/** The formatters for the current language; re-created when the language changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formatters(i18n.language), [i18n.language]);
}
