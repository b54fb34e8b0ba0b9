import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '../../../../contract';
import { useFormat } from '../../i18n/format';
import { modelKindName } from '../../risk/model-kind';

/** Chronic absence, interventions due, the live model, backup and sync: one card each. */
export function HomeFigures({ dashboard, leader }: { dashboard: Dashboard; leader: boolean }) {
  const { t } = useTranslation('home');
  const { t: tr } = useTranslation('risk');
  const format = useFormat();
  const { chronicAbsence: chronic, interventionsDue: due, model } = dashboard;
  return (
    <div className="home-figures">
      <section aria-labelledby="home-chronic" className="home-block">
        <h2 id="home-chronic">{t('chronic.title')}</h2>
        {chronic.measured === 0 ? (
          <p className="muted">{t('chronic.none')}</p>
        ) : (
          <>
            <p className="figure">{format.percent(chronic.students / chronic.measured)}</p>
            <p>
              {t('chronic.detail', {
                students: format.number(chronic.students),
                measured: format.number(chronic.measured),
              })}
            </p>
            <Link to="/students?indicator=lowAttendanceYear">{t('chronic.link')}</Link>
          </>
        )}
      </section>
      <section aria-labelledby="home-due" className="home-block">
        <h2 id="home-due">{t('due.title')}</h2>
        {due.count === 0 ? (
          <p className="muted">{t('due.none')}</p>
        ) : (
          <>
            <p className="figure">{t('due.count', { count: due.count })}</p>
            {due.oldestReview && <p>{t('due.since', { date: format.date(due.oldestReview) })}</p>}
            <Link to={`/interventions?due=${dashboard.today}`}>{t('due.link')}</Link>
          </>
        )}
      </section>
      <section aria-labelledby="home-model" className="home-block">
        <h2 id="home-model">{t('model.title')}</h2>
        {model === null ? (
          <p className="muted">{t('model.none')}</p>
        ) : (
          <>
            <p>{t('model.kind', { kind: modelKindName(tr, model.kind) })}</p>
            <p>
              {t('model.trained', { date: format.date(model.trainedAt) })}
              {model.liveSince && <> {t('model.live', { date: format.date(model.liveSince) })}</>}
            </p>
            {leader && <Link to="/models">{t('model.link')}</Link>}
          </>
        )}
      </section>
      {leader && (
        <section aria-labelledby="home-care" className="home-block">
          <h2 id="home-care">{t('care.title')}</h2>
          <p>
            {dashboard.lastBackupAt
              ? t('care.backup', { date: format.dateTime(dashboard.lastBackupAt) })
              : t('care.noBackup')}
          </p>
          <p>
            {dashboard.lastSyncAt
              ? t('care.sync', { date: format.dateTime(dashboard.lastSyncAt) })
              : t('care.noSync')}
          </p>
          <Link to="/settings">{t('care.link')}</Link>
        </section>
      )}
    </div>
  );
}
