import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TierCount } from '../../../../contract';
import { useFormat } from '../../i18n/format';

/** A tier's count against a week ago, in words. */
function change(t: ReturnType<typeof useTranslation<'home'>>['t'], tier: TierCount): string {
  if (tier.weekAgo === null) return t('tiers.none');
  const diff = tier.students - tier.weekAgo;
  if (diff === 0) return t('tiers.same');
  return diff > 0 ? t('tiers.up', { count: diff }) : t('tiers.down', { count: -diff });
}

/** One card per tier: how many students, the change in a week; each opens that tier's list. */
export function TierSummary({ tiers }: { tiers: TierCount[] }) {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="home-tiers" className="home-block">
      <h2 id="home-tiers">{t('tiers.title')}</h2>
      <ul className="tier-cards">
        {tiers.map((tier) => (
          <li key={tier.tier}>
            <Link to={`/risk?tier=${tier.tier}`} className={`tier-card tier-card-${tier.tier}`}>
              <span className="tier-card-count">{format.number(tier.students)}</span>
              <span className={`tier tier-${tier.tier}`}>{tc(`tier.${tier.tier}`)}</span>
              <span className="tier-card-change">{change(t, tier)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
