import type { Factor } from './explain';

/** How to put one input into words. */
export interface FeatureMeta {
  /** A plain name, e.g. "attendance in the last 30 school days". */
  label: string;
  /**
   * A phrase with `{value}`, e.g. "attended {value} of the last 30 school days". Without one the
   * factor reads "<label>: <value>".
   */
  template?: string;
  /** The template when the value is one (English agrees the noun with the number). */
  templateOne?: string;
  /**
   * How values print: 'percent' takes a share (0.71 → "71%"); 'points' takes a change and says
   * which way it went in points, times `scale` (-0.38 with scale 100 → "fell 38 points").
   * Default 'decimal'.
   */
  format?: 'percent' | 'points' | 'integer' | 'decimal' | 'text';
  /** For 'points': what one unit of the value is in points (100 for a change in a share). */
  scale?: number;
  /** Decimal places for 'decimal' (default 1) and 'percent' (default 0). */
  decimals?: number;
  /** Written after the number, e.g. " days" or " incidents". */
  unit?: string;
  /** Written after the number one, e.g. " day"; `unit` when absent. */
  unitOne?: string;
  /** What the reference is called, e.g. "school median". Default "typical". */
  referenceLabel?: string;
}

/**
 * A factor in plain words, e.g. "attended 71% of the last 30 school days (school median 94%)".
 * Without metadata, the column name stands in for the label.
 */
export function formatFactor(factor: Factor, meta?: FeatureMeta): string {
  const m: FeatureMeta = meta ?? { label: factor.feature };
  const value = formatValue(factor.value, m);
  const template = isOne(factor.value, m) ? (m.templateOne ?? m.template) : m.template;
  const head = template ? template.replaceAll('{value}', value) : `${m.label}: ${value}`;
  if (factor.reference === null) return head;
  const join = m.format === 'points' ? ': ' : ' ';
  return `${head} (${m.referenceLabel ?? 'typical'}${join}${formatValue(factor.reference, m)})`;
}

/** One value in the feature's format; "not recorded" when missing. */
export function formatValue(value: number | string | null, meta: FeatureMeta): string {
  if (value === null) return 'not recorded';
  if (typeof value === 'string' || meta.format === 'text') return String(value);
  const unit = meta.unit ?? '';
  switch (meta.format) {
    case 'percent':
      return `${(value * 100).toFixed(meta.decimals ?? 0)}%`;
    case 'points': {
      const points = Math.round(value * (meta.scale ?? 1));
      if (points === 0) return 'did not change';
      const size = Math.abs(points);
      return `${points < 0 ? 'fell' : 'rose'} ${size} ${size === 1 ? 'point' : 'points'}`;
    }
    case 'integer':
      return `${Math.round(value)}${isOne(value, meta) ? (meta.unitOne ?? unit) : unit}`;
    default:
      return `${trimZeros(value.toFixed(meta.decimals ?? 1))}${unit}`;
  }
}

/** Whether a value prints as the number one, which takes the singular. */
function isOne(value: number | string | null, meta: FeatureMeta): boolean {
  return typeof value === 'number' && meta.format === 'integer' && Math.round(value) === 1;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
