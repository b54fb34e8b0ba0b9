import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarKind, Failure } from '../../../contract';
import { calendarKinds } from '../../../contract/domains/records-calendar';
import { ErrorNotice } from '../components/error-notice';
import { useFormat } from '../i18n/format';
import { ask, failureOf } from '../query/ask';

interface Props {
  from: string;
  to: string;
  onRangeChange: (from: string, to: string) => void;
}

type Kind = CalendarKind | 'none';
const kinds: readonly Kind[] = [...calendarKinds, 'none'];
const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** Monday-first weekday names in full, in the current language. */
const weekdayName = (language: string, isoDay: number) =>
  new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, isoDay),
  );

/**
 * Marks a range of days (on the chosen weekdays) as school days, holidays or closures, or
 * clears them: one request, so the whole range changes or none of it.
 */
export function CalendarChangeForm({ from, to, onRangeChange }: Props) {
  const { t, i18n } = useTranslation('calendar');
  const { number } = useFormat();
  const id = useId();
  const [kind, setKind] = useState<Kind>('school_day');
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setDone('');
    setFailure(null);
    try {
      const result = await ask('setCalendarDays', {
        from,
        to: to || from,
        kind,
        weekdays,
        note: note.trim() === '' ? null : note,
      });
      setDone(
        t('done', {
          days: number(result.days),
          changed: number(result.changed),
          unchanged: number(result.unchanged),
        }),
      );
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form aria-label={t('form')} noValidate onSubmit={(e) => void submit(e)}>
      {failure && <ErrorNotice failure={failure} title={t('failed')} />}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => onRangeChange(e.target.value, to)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={to}
            onChange={(e) => onRangeChange(from, e.target.value)}
          />
        </div>
      </div>
      <fieldset className="choice-group">
        <legend>{t('mark')}</legend>
        {kinds.map((k) => (
          <div key={k} className="choice">
            <input
              id={`${id}-kind-${k}`}
              type="radio"
              name="kind"
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            <label htmlFor={`${id}-kind-${k}`}>{k === 'none' ? t('clear') : t(`kind.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="choice-group weekday-group">
        <legend>{t('weekdays')}</legend>
        {isoWeekdays.map((d) => (
          <div key={d} className="choice">
            <input
              id={`${id}-weekday-${d}`}
              type="checkbox"
              checked={weekdays.includes(d)}
              onChange={(e) =>
                setWeekdays((w) => (e.target.checked ? [...w, d].sort() : w.filter((x) => x !== d)))
              }
            />
            <label htmlFor={`${id}-weekday-${d}`}>{weekdayName(i18n.language, d)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('note')}</label>
        <input
          id={`${id}-note`}
          value={note}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('saving') : t('submit')}
        </button>
        <p role="status">{done}</p>
      </div>
    </form>
  );
}
