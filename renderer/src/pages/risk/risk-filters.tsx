import { useTranslation } from 'react-i18next';
import type { ClassInfo, RiskTier } from '../../../../contract';

const tiers: RiskTier[] = ['high', 'medium', 'low'];

interface Props {
  tier: RiskTier | undefined;
  classId: string | undefined;
  classes: ClassInfo[];
  onChange: (next: { tier: RiskTier | undefined; classId: string | undefined }) => void;
}

/** Tier and class pickers; each change narrows the list at once (the backend filters). */
export function RiskFilters({ tier, classId, classes, onChange }: Props) {
  const { t } = useTranslation('risk');
  const { t: tc } = useTranslation();
  return (
    <fieldset className="filters no-print">
      <legend>{t('filters')}</legend>
      <div className="field">
        <label htmlFor="risk-tier">{t('tierFilter')}</label>
        <select
          id="risk-tier"
          value={tier ?? ''}
          onChange={(e) =>
            onChange({ tier: (e.target.value || undefined) as RiskTier | undefined, classId })
          }
        >
          <option value="">{t('allTiers')}</option>
          {tiers.map((x) => (
            <option key={x} value={x}>
              {tc(`tier.${x}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="risk-class">{t('classFilter')}</label>
        <select
          id="risk-class"
          value={classId ?? ''}
          onChange={(e) => onChange({ tier, classId: e.target.value || undefined })}
        >
          <option value="">{t('allClasses')}</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
