import { useTranslation } from 'react-i18next';
import type { Intervention } from '../../../contract';
import { useFormat } from '../i18n/format';

/** The student's interventions with owner, review date, status and outcome. */
export function InterventionsSection({
  interventions,
  onOutcome,
}: {
  interventions: readonly Intervention[];
  onOutcome: (intervention: Intervention) => void;
}) {
  const { t } = useTranslation('profile');
  const format = useFormat();
  return (
    <section className="profile-section" aria-labelledby="profile-interventions">
      <h2 id="profile-interventions">{t('interventions')}</h2>
      {interventions.length === 0 ? (
        <p className="muted">{t('noInterventions')}</p>
      ) : (
        <table className="profile-table">
          <thead>
            <tr>
              <th scope="col">{t('type')}</th>
              <th scope="col">{t('owner')}</th>
              <th scope="col">{t('from')}</th>
              <th scope="col">{t('due')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('outcome')}</th>
              <th scope="col" className="no-print">
                <span className="visually-hidden">{t('recordOutcome')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {interventions.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.type}</th>
                <td>{i.ownerName ?? ''}</td>
                <td>{format.date(i.startDate)}</td>
                <td>{i.reviewDate ? format.date(i.reviewDate) : ''}</td>
                <td>{t(`interventionStatus.${i.status}`)}</td>
                <td>{i.outcomeNote ?? ''}</td>
                <td className="no-print">
                  <button
                    type="button"
                    aria-label={t('recordOutcomeFor', { type: i.type })}
                    onClick={() => onOutcome(i)}
                  >
                    {t('recordOutcome')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
