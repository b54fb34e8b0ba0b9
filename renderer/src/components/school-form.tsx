import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, RequestInput, School } from '../../../contract';
import { beacon, unreachable } from '../beacon';
import { fieldErrors } from '../field-errors';
import { fieldMessage } from '../forms/field-message';
import { ErrorNotice } from './error-notice';
import { TextField, type TextFieldProps } from './text-field';

type Field = 'name' | 'code' | 'region' | 'country' | 'timezone' | 'schoolYearStartMonth';
type Values = Record<Field, string>;
type Outcome = { kind: 'saved' } | { kind: 'failed'; failure: Failure } | null;

/** The twelve month names in `language`, January first. */
function monthNames(language: string): string[] {
  const monthName = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => monthName.format(Date.UTC(2000, i, 1)));
}
const timeZones = Intl.supportedValuesOf('timeZone');

const toValues = (s: School | null): Values => ({
  name: s?.name ?? '',
  code: s?.code ?? '',
  region: s?.region ?? '',
  country: s?.country ?? '',
  timezone: s?.timezone ?? 'UTC',
  schoolYearStartMonth: String(s?.schoolYearStartMonth ?? 9),
});

const orNull = (s: string) => (s.trim() === '' ? null : s);

const toInput = (v: Values): RequestInput<'saveSchoolProfile'> => ({
  name: v.name,
  code: orNull(v.code),
  region: orNull(v.region),
  country: orNull(v.country),
  timezone: v.timezone.trim() === '' ? undefined : v.timezone,
  schoolYearStartMonth: Number(v.schoolYearStartMonth),
});

/** Edits the school profile; errors come from the backend's validation, shown by each field. */
export function SchoolForm({ school }: { school: School | null }) {
  const { t, i18n } = useTranslation('school');
  const { t: tc } = useTranslation();
  const { t: tf } = useTranslation('fields');
  const labels: Record<Field, string> = {
    name: t('field.name'),
    code: t('field.code'),
    region: t('field.region'),
    country: t('field.country'),
    timezone: t('field.timezone'),
    schoolYearStartMonth: t('field.schoolYearStartMonth'),
  };
  const months = useMemo(() => monthNames(i18n.language), [i18n.language]);
  const [values, setValues] = useState(() => toValues(school));
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const form = useRef<HTMLFormElement>(null);
  const errors = outcome?.kind === 'failed' ? fieldErrors(outcome.failure) : {};
  const firstInvalid = Object.keys(errors)[0];

  useEffect(() => {
    if (firstInvalid) form.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
  }, [outcome, firstInvalid]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setOutcome(null);
    const result = await beacon.saveSchoolProfile(toInput(values)).catch(() => unreachable);
    setSaving(false);
    if (result.ok) {
      setValues(toValues(result.value));
      setOutcome({ kind: 'saved' });
    } else {
      setOutcome({ kind: 'failed', failure: result });
    }
  }

  const text = (
    field: Exclude<Field, 'schoolYearStartMonth'>,
    extra: Partial<TextFieldProps> = {},
  ) => (
    <TextField
      name={field}
      label={labels[field]}
      value={values[field]}
      onChange={(value) => setValues((v) => ({ ...v, [field]: value }))}
      error={errors[field] && fieldMessage(labels[field], errors[field], tf)}
      {...extra}
    />
  );

  return (
    <form ref={form} aria-label={t('form')} noValidate onSubmit={(e) => void submit(e)}>
      {outcome?.kind === 'failed' && (
        <ErrorNotice failure={outcome.failure} title={t('notSaved')} labels={labels} />
      )}
      <p className="hint">{tc('required')}</p>
      {text('name', { required: true, maxLength: 120 })}
      {text('code', { hint: t('hint.code'), maxLength: 40 })}
      <div className="field-row">
        {text('region', { maxLength: 120 })}
        {text('country', { maxLength: 80 })}
      </div>
      <div className="field-row">
        {text('timezone', {
          list: 'time-zones',
          maxLength: 64,
          hint: t('hint.timezone'),
        })}
        <div className="field">
          <label htmlFor="field-schoolYearStartMonth">{labels.schoolYearStartMonth}</label>
          <select
            id="field-schoolYearStartMonth"
            name="schoolYearStartMonth"
            value={values.schoolYearStartMonth}
            onChange={(e) => setValues((v) => ({ ...v, schoolYearStartMonth: e.target.value }))}
          >
            {months.map((month, i) => (
              <option key={i} value={String(i + 1)}>
                {month}
              </option>
            ))}
          </select>
        </div>
      </div>
      <datalist id="time-zones">
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? tc('saving') : t('submit')}
        </button>
        <p role="status">{outcome?.kind === 'saved' ? t('saved') : ''}</p>
      </div>
    </form>
  );
}
