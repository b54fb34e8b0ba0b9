import { useTranslation } from 'react-i18next';
import type { RiskFactorView, RiskPoint, StudentRisk } from '../../../contract';
import { useFormat } from '../i18n/format';
import { factorWords } from '../risk/factor-words';
import { modelKindName } from '../risk/model-kind';
import { scoreWords, sentence } from '../risk/score-words';
import { RiskChart } from './risk-chart';

export type FactorArea = 'attendance' | 'behaviour' | 'marks' | 'other';

/** Which kind of help a factor calls for, so a new intervention starts with a sensible type. */
export function factorArea(feature: string): FactorArea {
  if (/^(attendance|late|longest_absence)/.test(feature)) return 'attendance';
  if (/^(incidents|suspension)/.test(feature)) return 'behaviour';
  if (/(mark|failed_subjects)/.test(feature)) return 'marks';
  return 'other';
}

interface Props {
  risk: StudentRisk;
  history: readonly RiskPoint[];
  /** Absent when the reader may not plan interventions. */
  onPlan?: (factor: string, area: FactorArea) => void;
}

/**
 * The current score in words (a frequency among students with a similar record, then the
 * percentage), the reasons with a "plan an intervention" button each (the first
 * of the two clicks), and the score over time as a chart with its table.
 */
export function RiskSection({ risk, history, onPlan }: Props) {
  const { t, i18n } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const { t: tf } = useTranslation('factors');
  const { t: tr } = useTranslation('risk');
  const format = useFormat();
  const words = (f: RiskFactorView) => factorWords(f, tf, i18n.language);
  const reasons = risk.factors.filter((f) => f.kind !== 'data_gap');
  const gaps = risk.factors.filter((f) => f.kind === 'data_gap');
  const kindWords = (kind: string | null) => (kind ? modelKindName(tr, kind) : '');
  // Days scored more than once (a save re-scores at once) show the time too.
  const days = history.map((p) => p.scoredAt.slice(0, 10));
  const sameDay = new Set(days.filter((d, i) => days.indexOf(d) !== i));
  return (
    <section className="profile-section" aria-labelledby="profile-risk">
      <h2 id="profile-risk">{t('risk')}</h2>
      {risk.tier === null || risk.score === null ? (
        <p className="muted">{t('notScored')}</p>
      ) : (
        <p>
          <span className={`tier tier-${risk.tier}`}>{tc(`tier.${risk.tier}`)}</span>{' '}
          {t('currentRisk', {
            words: sentence(scoreWords(tr, risk.score, risk.horizonMonths), i18n.language),
            score: format.percent(risk.score),
          })}
        </p>
      )}
      {reasons.length > 0 && (
        <>
          <h3>{t('why')}</h3>
          <ul className="factor-list">
            {reasons.map((f) => (
              <li key={f.feature}>
                <span>{words(f)}</span>
                {onPlan && (
                  <button
                    type="button"
                    className="factor-plan"
                    aria-label={t('planForFactor', { factor: words(f) })}
                    onClick={() => onPlan(words(f), factorArea(f.feature))}
                  >
                    {t('planFor')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {gaps.length > 0 && (
        <ul className="risk-gaps muted">
          {gaps.map((f) => (
            <li key={f.feature}>{words(f)}</li>
          ))}
        </ul>
      )}
      {history.length > 0 && (
        <>
          <h3>{t('riskOverTime')}</h3>
          <RiskChart points={history} label={t('score')} />
          <table className="profile-table">
            <caption className="visually-hidden">{t('riskOverTime')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scoredAt')}</th>
                <th scope="col" className="number">
                  {t('score')}
                </th>
                <th scope="col">{t('tierColumn')}</th>
                <th scope="col">{t('model')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((p) => (
                <tr key={`${p.scoredAt}:${p.modelVersionId}`}>
                  <th scope="row">
                    {sameDay.has(p.scoredAt.slice(0, 10))
                      ? format.dateTime(p.scoredAt)
                      : format.date(p.scoredAt)}
                  </th>
                  <td className="number">{format.percent(p.score)}</td>
                  <td>
                    <span className={`tier tier-${p.tier}`}>{tc(`tier.${p.tier}`)}</span>
                  </td>
                  <td>
                    {p.modelCreatedAt
                      ? t('modelWords', {
                          kind: kindWords(p.modelKind),
                          date: format.date(p.modelCreatedAt),
                        })
                      : kindWords(p.modelKind)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
