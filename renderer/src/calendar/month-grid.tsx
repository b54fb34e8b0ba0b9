import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../../contract';
import { useFormat } from '../i18n/format';
import { monthWeeks, type Month } from './month';

interface Props {
  month: Month;
  days: CalendarDay[];
  /** The chosen range, inclusive; days in it are shown pressed. */
  from: string;
  to: string;
  /** A day was chosen; `extend` when Shift was held, to end the range there. */
  onPick: (date: string, extend: boolean) => void;
}

/** A day the calendar has nothing for. */
const UNSET = 'none';

/** Monday-first weekday names in the current language. */
function weekdayNames(language: string): string[] {
  const name = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => name.format(Date.UTC(2024, 0, 1 + i)));
}

/**
 * A month as a grid of day buttons, each naming its date and its kind in words (never by
 * colour alone); choosing days fills the range the form below marks.
 */
export function MonthGrid({ month, days, from, to, onPick }: Props) {
  const { t, i18n } = useTranslation('calendar');
  const { date } = useFormat();
  const names = useMemo(() => weekdayNames(i18n.language), [i18n.language]);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const title = new Intl.DateTimeFormat(i18n.language, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(month.year, month.month - 1, 1));
  return (
    <table className="month-grid">
      <caption>{t('month', { month: title })}</caption>
      <thead>
        <tr>
          {names.map((n) => (
            <th key={n} scope="col">
              {n}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthWeeks(month).map((week, w) => (
          <tr key={w}>
            {week.map((iso, i) => {
              if (!iso) return <td key={i} />;
              const day = byDate.get(iso);
              const kind = day?.kind ?? UNSET;
              const chosen = from !== '' && iso >= from && iso <= (to || from);
              return (
                <td key={iso}>
                  <button
                    type="button"
                    className={`day day-${kind}`}
                    aria-pressed={chosen}
                    onClick={(e) => onPick(iso, e.shiftKey)}
                  >
                    <span className="visually-hidden">{date(iso)}</span>
                    <span className="day-number" aria-hidden="true">
                      {Number(iso.slice(8))}
                    </span>
                    <span className="day-kind">{t(`kind.${kind}`)}</span>
                    {day?.note && <span className="day-note">{day.note}</span>}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
