import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarChangeForm } from '../calendar/calendar-change-form';
import '../calendar/calendar.css';
import { MonthGrid } from '../calendar/month-grid';
import { addMonths, daysIn, isoDay, monthOf, type Month } from '../calendar/month';
import { localToday } from '../register/local-today';
import '../classes/classes.css';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

/**
 * The school calendar a month at a time: each day's kind in words, and a form that marks a
 * range of days (chosen on the grid or typed) as school days, holidays or closures.
 */
export function CalendarPage() {
  const { t } = useTranslation('calendar');
  const [month, setMonth] = useState<Month>(() => monthOf(localToday()));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const days = useRequest('listCalendar', {
    from: isoDay(month, 1),
    to: isoDay(month, daysIn(month)),
  });

  function pick(date: string, extend: boolean) {
    if (extend && from) {
      setFrom(date < from ? date : from);
      setTo(date < from ? from : date);
    } else {
      setFrom(date);
      setTo(date);
    }
  }

  return (
    <Page heading={t('title')} lead={t('lead')} busy={days.isFetching}>
      <div className="month-nav">
        <button type="button" onClick={() => setMonth((m) => addMonths(m, -1))}>
          {t('previous')}
        </button>
        <button type="button" onClick={() => setMonth((m) => addMonths(m, 1))}>
          {t('next')}
        </button>
      </div>
      <p className="hint">{t('pick')}</p>
      {days.isError ? (
        <ErrorNotice failure={failureOf(days.error)} title={t('readFailed')} />
      ) : (
        <MonthGrid month={month} days={days.data ?? []} from={from} to={to} onPick={pick} />
      )}
      <CalendarChangeForm
        from={from}
        to={to}
        onRangeChange={(f, e) => {
          setFrom(f);
          setTo(e);
          if (f) setMonth(monthOf(f));
        }}
      />
    </Page>
  );
}
