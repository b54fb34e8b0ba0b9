import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassInfo } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { failureOf } from '../query/ask';
import { useAction, useRequest } from '../query/use-request';
import { localToday } from '../register/local-today';

const severities = [1, 2, 3] as const;

/** Logs an incident for a student picked by class; the backend refreshes their risk at once. */
export function IncidentForm({
  classes,
  onLogged,
}: {
  classes: readonly ClassInfo[];
  onLogged: (message: string) => void;
}) {
  const { t } = useTranslation('behaviour');
  const [classId, setClassId] = useState(classes[0]?.id ?? '');
  const [studentId, setStudentId] = useState('');
  const [date, setDate] = useState(localToday());
  const [category, setCategory] = useState('');
  const [severity, setSeverity] = useState<1 | 2 | 3>(1);
  const [action, setAction] = useState('');
  const students = useRequest('studentTable', { classId }, { enabled: classId !== '' });
  const create = useAction('createIncident');
  const ids = {
    cls: useId(),
    student: useId(),
    date: useId(),
    cat: useId(),
    sev: useId(),
    act: useId(),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const row = students.data?.rows.find((s) => s.id === studentId);
    create.mutate(
      { studentId, date, category, severity, actionTaken: action.trim() || null },
      {
        onSuccess: () => {
          setCategory('');
          setAction('');
          onLogged(t('logged', { name: row ? `${row.firstName} ${row.lastName}` : '' }));
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('logTitle')} className="incident-form">
      <h2>{t('logTitle')}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.cls}>{t('class')}</label>
          <select
            id={ids.cls}
            value={classId}
            onChange={(e) => {
              setClassId(e.target.value);
              setStudentId('');
            }}
          >
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.student}>{t('student')}</label>
          <select
            id={ids.student}
            required
            value={studentId}
            onChange={(e) => setStudentId(e.target.value)}
          >
            <option value="">{t('chooseStudent')}</option>
            {students.data?.rows.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.lastName}, ${s.firstName}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.date}>{t('date')}</label>
          <input
            id={ids.date}
            type="date"
            required
            value={date}
            max={localToday()}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.cat}>{t('category')}</label>
          <input
            id={ids.cat}
            required
            maxLength={80}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.sev}>{t('severity')}</label>
          <select
            id={ids.sev}
            value={severity}
            onChange={(e) => setSeverity(Number(e.target.value) as 1 | 2 | 3)}
          >
            {severities.map((s) => (
              <option key={s} value={s}>
                {t(`severityName.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.act}>{t('action')}</label>
          <input
            id={ids.act}
            maxLength={2000}
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
        </div>
      </div>
      {create.isError && <ErrorNotice failure={failureOf(create.error)} title={t('failed')} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('submit')}
        </button>
      </div>
    </form>
  );
}
