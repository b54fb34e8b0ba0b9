import { useTranslation } from 'react-i18next';
import type { RiskList } from '../../../../contract';
import { useFormat } from '../../i18n/format';
import { factorWords } from '../../risk/factor-words';
import { modelKindName } from '../../risk/model-kind';
import { TierFigures } from './tier-figures';

interface Props {
  list: RiskList;
  schoolName: string;
  className: string | null;
  tierName: string | null;
}

/**
 * What paper shows instead of the screen's table: a header naming the school, the date and the
 * model version, then every listed student with their reasons (no virtualisation on paper),
 * then how often the tiers were right on held-out students.
 */
export function RiskPrint({ list, schoolName, className, tierName }: Props) {
  const { t } = useTranslation('risk');
  const { t: tc } = useTranslation();
  const { t: tf, i18n } = useTranslation('factors');
  const format = useFormat();
  const model = list.model;
  return (
    <div className="print-only risk-print">
      <p className="print-title">{t('printTitle')}</p>
      {model && (
        <p>
          {t('printFacts', {
            school: schoolName,
            date: format.date(new Date().toISOString()),
            model: modelKindName(t, model.kind),
            trained: format.date(model.createdAt),
            version: model.id.slice(0, 8),
          })}
        </p>
      )}
      <p>
        {t('printScope', {
          className: className ?? t('allClasses'),
          tier: tierName ?? t('allTiers'),
        })}
      </p>
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{t('column.name')}</th>
            <th scope="col">{t('column.number')}</th>
            <th scope="col">{t('column.className')}</th>
            <th scope="col">{t('column.tier')}</th>
            <th scope="col">{t('column.score')}</th>
            <th scope="col">{t('column.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {list.entries.map((e) => (
            <tr key={e.studentId}>
              <td>{e.name}</td>
              <td>{e.studentNumber}</td>
              <td>{e.className ?? ''}</td>
              <td>{tc(`tier.${e.tier}`)}</td>
              <td>{format.percent(e.score)}</td>
              <td>
                {e.factors
                  .filter((f) => f.kind === 'indicator')
                  .map((f) => factorWords(f, tf, i18n.language))
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {model && <TierFigures model={model} horizonMonths={list.horizonMonths} />}
    </div>
  );
}
