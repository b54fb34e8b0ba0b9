import { useTranslation } from 'react-i18next';
import type { RiskFactorView } from '../../../contract';
import { factorWords } from '../risk/factor-words';

/**
 * A score's reasons as a list, then what is missing from the record, apart (a gap is never a
 * reason). Both lists are named after the student for screen readers.
 */
export function RiskFactors({ factors, name }: { factors: RiskFactorView[]; name: string }) {
  const { t, i18n } = useTranslation('factors');
  const reasons = factors.filter((f) => f.kind !== 'data_gap');
  const gaps = factors.filter((f) => f.kind === 'data_gap');
  return (
    <>
      {reasons.length > 0 && (
        <ul className="risk-factors" aria-label={t('reasons', { name })}>
          {reasons.map((f) => (
            <li key={f.feature}>{factorWords(f, t, i18n.language)}</li>
          ))}
        </ul>
      )}
      {gaps.length > 0 && (
        <ul className="risk-gaps muted" aria-label={t('gaps', { name })}>
          {gaps.map((f) => (
            <li key={f.feature}>{factorWords(f, t, i18n.language)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
