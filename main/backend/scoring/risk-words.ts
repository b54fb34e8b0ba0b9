import { frequencyOf, horizonOf } from '../../../contract/domains/risk-frequency';

const yearWords = { 1: 'a year', 2: 'two years', 3: 'three years' } as const;

/** A horizon in words: 12 → "within a year", 24 → "within two years", 6 → "within 6 months". */
export function horizonWords(months: number): string {
  const h = horizonOf(months);
  return 'years' in h ? `within ${yearWords[h.years]}` : `within ${h.months} months`;
}

/**
 * A calibrated probability as a head teacher reads it right, e.g. "about 6 in 100 students with
 * this record left school within a year": a frequency among similar students, not a verdict.
 * The rule (rounding, the bounds) is contract/domains/risk-frequency.ts, which the renderer's
 * words in every language share.
 */
export function scoreWords(probability: number, horizonMonths: number): string {
  const f = frequencyOf(probability);
  const count =
    f.bound === 'fewer'
      ? 'fewer than 1 in 100'
      : f.bound === 'more'
        ? 'more than 99 in 100'
        : `about ${f.per100} in 100`;
  return `${count} students with this record left school ${horizonWords(horizonMonths)}`;
}
