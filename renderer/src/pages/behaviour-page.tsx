import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { IncidentForm } from '../behaviour/incident-form';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

const severities = ['1', '2', '3'] as const;

/** The behaviour log, newest first, filtered by class and severity (in the address). */
export function BehaviourPage() {
  const { t } = useTranslation('behaviour');
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const classes = useRequest('listClasses', {});
  const classId = params.get('class') ?? '';
  const severity = params.get('severity');
  const query = {
    ...(classId ? { classId } : {}),
    ...(severity === '1' || severity === '2' || severity === '3'
      ? { severity: Number(severity) as 1 | 2 | 3 }
      : {}),
  };
  const log = useRequest('incidentLog', query);
  const [notice, setNotice] = useState('');
  const ids = { cls: useId(), sev: useId() };
  const set = (key: string, value: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Page heading={t('title')} busy={log.isFetching}>
      {classes.data && classes.data.length > 0 && (
        <IncidentForm classes={classes.data} onLogged={setNotice} />
      )}
      <p role="status">{notice}</p>
      <h2>{t('log')}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.cls}>{t('class')}</label>
          <select id={ids.cls} value={classId} onChange={(e) => set('class', e.target.value)}>
            <option value="">{t('anyClass')}</option>
            {classes.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.sev}>{t('severity')}</label>
          <select
            id={ids.sev}
            value={severity ?? ''}
            onChange={(e) => set('severity', e.target.value)}
          >
            <option value="">{t('anySeverity')}</option>
            {severities.map((s) => (
              <option key={s} value={s}>
                {t(`severityName.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {log.isPending ? null : log.isError ? (
        <ErrorNotice failure={failureOf(log.error)} title={t('readFailed')} />
      ) : log.data.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('log')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('date')}</th>
              <th scope="col">{t('student')}</th>
              <th scope="col">{t('class')}</th>
              <th scope="col">{t('category')}</th>
              <th scope="col">{t('severity')}</th>
              <th scope="col">{t('action')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((i) => (
              <tr key={i.id}>
                <th scope="row">{format.date(i.date)}</th>
                <td>
                  <Link to={`/students/${i.studentId}`}>{i.studentName}</Link>
                </td>
                <td>{i.className ?? ''}</td>
                <td>{i.category}</td>
                <td>{t(`severityName.${i.severity}`)}</td>
                <td>{i.actionTaken ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
