import { useTranslation } from 'react-i18next';
import type { ModelVersionView } from '../../../../contract';
import { useFormat } from '../../i18n/format';
import { heldOutOf, type FairnessView } from '../../risk/model-metrics';

const attributes = ['sex', 'ethnicity', 'low_income', 'ageBand'] as const;
type Attribute = (typeof attributes)[number];
const isAttribute = (s: string): s is Attribute => (attributes as readonly string[]).includes(s);

/** Calibration and fairness of one version, as tables in plain words. */
export function VersionDetails({ version }: { version: ModelVersionView }) {
  const { t } = useTranslation('models');
  const format = useFormat();
  const { calibration, fairness } = heldOutOf(version.metrics);
  const bands = calibration.filter((b) => b.count > 0);
  return (
    <div className="version-details">
      <h2>{t('versions.details', { date: format.dateTime(version.createdAt) })}</h2>
      <h3>{t('calibration.title')}</h3>
      <table className="data-table">
        <caption>{t('calibration.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calibration.band')}</th>
            <th scope="col" className="number">
              {t('calibration.students')}
            </th>
            <th scope="col" className="number">
              {t('calibration.predicted')}
            </th>
            <th scope="col" className="number">
              {t('calibration.observed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {bands.map((b) => (
            <tr key={b.lower}>
              <th scope="row">
                {t('calibration.bandRange', {
                  from: format.percent(b.lower),
                  to: format.percent(b.upper),
                })}
              </th>
              <td className="number">{format.number(b.count)}</td>
              <td className="number">
                {b.meanPredicted === null ? '' : format.percent(b.meanPredicted)}
              </td>
              <td className="number">{b.observed === null ? '' : format.percent(b.observed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('fairness.title')}</h3>
      <p className="muted">{t('fairness.lead')}</p>
      {Object.keys(fairness).length === 0 ? (
        <p>{t('fairness.none')}</p>
      ) : (
        Object.entries(fairness).map(([attribute, report]) => (
          <FairnessTable key={attribute} attribute={attribute} report={report} />
        ))
      )}
    </div>
  );
}

function FairnessTable({ attribute, report }: { attribute: string; report: FairnessView }) {
  const { t } = useTranslation('models');
  const format = useFormat();
  const name = isAttribute(attribute) ? t(`fairness.attribute.${attribute}`) : attribute;
  const rate = (r: number | null) => (r === null ? '' : format.percent(r));
  const gap = report.largestGap;
  return (
    <>
      <table className="data-table">
        <caption>{t('fairness.caption', { attribute: name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fairness.group')}</th>
            <th scope="col" className="number">
              {t('fairness.students')}
            </th>
            <th scope="col" className="number">
              {t('fairness.falseAlarms')}
            </th>
            <th scope="col" className="number">
              {t('fairness.caught')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">{g.group}</th>
              <td className="number">{format.number(g.count)}</td>
              <td className="number">{rate(g.fpr)}</td>
              <td className="number">{rate(g.tpr)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {gap
          ? t('fairness.gap', {
              gap: format.number(gap.gap * 100),
              a: gap.groups[0],
              b: gap.groups[1],
            })
          : t('fairness.noGap')}
      </p>
    </>
  );
}
