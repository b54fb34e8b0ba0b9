import type { TFunction } from 'i18next';
import type { RiskFactorView } from '../../../contract';
import { formatters } from '../i18n/format';

/** How each model input's value reads (units as docs/model.md gives them). */
const kinds = {
  attendance_rate_30d: 'share',
  attendance_rate: 'share',
  attendance_trend: 'shareChange',
  longest_absence_streak: 'count',
  late_rate: 'share',
  incidents_minor_90d: 'count',
  incidents_serious_90d: 'count',
  incidents_severe_90d: 'count',
  suspension_days: 'count',
  average_mark: 'mark',
  last_term_average: 'mark',
  mark_trend: 'markChange',
  failed_subjects: 'count',
  over_age_years: 'count',
  repeated_grade: 'yesNo',
  school_moves: 'count',
  low_income: 'yesNo',
} as const;
type Feature = keyof typeof kinds;
type Kind = (typeof kinds)[Feature];

const gapFeatures = [
  'attendance_rate_30d',
  'attendance_rate',
  'attendance_trend',
  'late_rate',
  'average_mark',
  'last_term_average',
  'mark_trend',
] as const;
type GapFeature = (typeof gapFeatures)[number];

const isFeature = (f: string): f is Feature => Object.hasOwn(kinds, f);
const isGapFeature = (f: string): f is GapFeature => (gapFeatures as readonly string[]).includes(f);

function valueWords(kind: Kind, value: number, t: TFunction<'factors'>, language: string): string {
  const format = formatters(language);
  switch (kind) {
    case 'share':
      return format.percent(value);
    case 'mark':
      // Marks are on a 0-100 scale.
      return format.percent(value / 100, 1);
    case 'count':
      return format.number(value);
    case 'yesNo':
      return value >= 0.5 ? t('yes') : t('no');
    case 'shareChange':
    case 'markChange': {
      const points = Math.round(kind === 'shareChange' ? value * 100 : value);
      if (points === 0) return t('same');
      return points < 0 ? t('fell', { count: -points }) : t('rose', { count: points });
    }
  }
}

/**
 * A risk factor in the reader's language from its structured fields, e.g. "présent 71 % des
 * 30 derniers jours de classe (médiane de l'établissement 94 %)". An input this version of the
 * app does not know falls back to the backend's English `text`.
 */
export function factorWords(factor: RiskFactorView, t: TFunction<'factors'>, language: string) {
  const { feature } = factor;
  if (factor.kind === 'data_gap') return isGapFeature(feature) ? t(`gap.${feature}`) : factor.text;
  if (!isFeature(feature) || factor.value === null) return factor.text;
  const kind = kinds[feature];
  const value = valueWords(kind, factor.value, t, language);
  // Counts agree with their noun ("1 school move", "2 school moves"); other kinds have no plural.
  const reason =
    kind === 'count'
      ? t(`reason.${feature}`, { value, count: factor.value })
      : t(`reason.${feature}`, { value });
  let words: string = reason;
  if (factor.reference !== null) {
    const reference = valueWords(kind, factor.reference, t, language);
    const key =
      kind === 'yesNo'
        ? 'withMost'
        : kind === 'shareChange' || kind === 'markChange'
          ? 'withMedianChange'
          : 'withMedian';
    words = t(key, { reason, reference });
  }
  return factor.direction === 'lowers' ? t('lowers', { reason: words }) : words;
}
