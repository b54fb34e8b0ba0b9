import { useTranslation } from 'react-i18next';
import type { Incident, StudentDetail } from '../../../contract';
import { useFormat } from '../i18n/format';

/** The student's incidents, newest first. */
export function IncidentsSection({ incidents }: { incidents: readonly Incident[] }) {
  const { t } = useTranslation('profile');
  const format = useFormat();
  return (
    <section className="profile-section" aria-labelledby="profile-incidents">
      <h2 id="profile-incidents">{t('incidents')}</h2>
      {incidents.length === 0 ? (
        <p className="muted">{t('noIncidents')}</p>
      ) : (
        <table className="profile-table">
          <thead>
            <tr>
              <th scope="col">{t('date')}</th>
              <th scope="col">{t('category')}</th>
              <th scope="col">{t('severity')}</th>
              <th scope="col">{t('action')}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => (
              <tr key={i.id}>
                <th scope="row">{format.date(i.date)}</th>
                <td>{i.category}</td>
                <td>{t(`severityName.${i.severity}`)}</td>
                <td>{i.actionTaken ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Status changes (transfer, dropout, graduation, return) and class enrolments over time. */
export function HistorySections({ student }: { student: StudentDetail }) {
  const { t } = useTranslation('profile');
  const format = useFormat();
  return (
    <>
      <section className="profile-section" aria-labelledby="profile-status">
        <h2 id="profile-status">{t('statusHistory')}</h2>
        {student.statusHistory.length === 0 ? (
          <p className="muted">{t('noStatusChanges')}</p>
        ) : (
          <table className="profile-table">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('change')}</th>
                <th scope="col">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {student.statusHistory.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{format.date(c.effectiveDate)}</th>
                  <td>{t(`changeName.${c.status}`)}</td>
                  <td>{c.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="profile-section" aria-labelledby="profile-enrolments">
        <h2 id="profile-enrolments">{t('enrolments')}</h2>
        <table className="profile-table">
          <thead>
            <tr>
              <th scope="col">{t('class')}</th>
              <th scope="col">{t('year')}</th>
              <th scope="col">{t('from')}</th>
              <th scope="col">{t('to')}</th>
            </tr>
          </thead>
          <tbody>
            {student.enrolments.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.className}</th>
                <td>{e.schoolYear}</td>
                <td>{format.date(e.startDate)}</td>
                <td>{e.endDate ? format.date(e.endDate) : t('current')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
