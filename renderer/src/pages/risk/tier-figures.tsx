import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskList } from '../../../../contract';
import { tierQualityWords } from '../../risk/score-words';

/** The tiers whose figures training records (low is what is left). */
const measuredTiers = ['high', 'medium'] as const;

interface Props {
  model: NonNullable<RiskList['model']>;
  horizonMonths: number;
}

/**
 * How often the live model's high and medium tiers were right on the held-out students, in
 * sentences (precision and recall named in brackets), or plainly that the model kept no such
 * figures. Shown on the screen and on paper.
 */
export function TierFigures({ model, horizonMonths }: Props) {
  const { t } = useTranslation('risk');
  const { t: tc } = useTranslation();
  const heading = useId();
  const tiers = model.tiers;
  return (
    <section className="tier-figures" aria-labelledby={heading}>
      <h2 id={heading}>{t('quality.heading')}</h2>
      {tiers === null ? (
        <p>{t('quality.missing')}</p>
      ) : (
        <>
          <p className="muted">{t('quality.intro')}</p>
          <dl>
            {measuredTiers.map((tier) => (
              <div key={tier}>
                <dt>
                  <span className={`tier tier-${tier}`}>{tc(`tier.${tier}`)}</span>
                </dt>
                <dd>{tierQualityWords(t, tiers[tier], horizonMonths).join(' ')}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
