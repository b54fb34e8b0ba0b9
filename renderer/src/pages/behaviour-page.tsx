import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IncidentForm } from '../behaviour/incident-form';
import { FilteredLog, FilterSelect } from '../components/filtered-log';
import { useAddressParams } from '../components/use-address-params';
import { Page } from '../components/page';
import { useFormat } from '../i18n/format';
import { useRequest } from '../query/use-request';

const severities = ['1', '2', '3'] as const;

/** The behaviour log, newest first, filtered by class and severity (in the address). */
export function BehaviourPage() {
  const { t } = useTranslation('behaviour');
  const format = useFormat();
  const { params, set } = useAddressParams();
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

  return (
    <Page heading={t('title')} busy={log.isFetching}>
      {classes.data && classes.data.length > 0 && (
        <IncidentForm classes={classes.data} onLogged={setNotice} />
      )}
      <p role="status">{notice}</p>
      <h2>{t('log')}</h2>
      <FilteredLog
        filters={
          <>
            <FilterSelect
              label={t('class')}
              value={classId}
              anyLabel={t('anyClass')}
              options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              onChange={(v) => set('class', v)}
            />
            <FilterSelect
              label={t('severity')}
              value={query.severity ? String(query.severity) : ''}
              anyLabel={t('anySeverity')}
              options={severities.map((s) => ({ value: s, label: t(`severityName.${s}`) }))}
              onChange={(v) => set('severity', v)}
            />
          </>
        }
        log={log}
        words={{ caption: t('log'), empty: t('empty'), readFailed: t('readFailed') }}
        headers={[
          { label: t('date') },
          { label: t('student') },
          { label: t('class') },
          { label: t('category') },
          { label: t('severity') },
          { label: t('action') },
        ]}
        row={(i) => (
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
        )}
      />
    </Page>
  );
}
