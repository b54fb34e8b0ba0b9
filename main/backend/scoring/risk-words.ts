/** A horizon in words: 12 → "within a year", 24 → "within two years", 6 → "within 6 months". */
export function horizonWords(months: number): string {
  if (months === 12) return 'within a year';
  if (months === 24) return 'within two years';
  if (months === 36) return 'within three years';
  return `within ${months} months`;
}

/**
 * A calibrated probability as a head teacher reads it right, e.g. "about 6 in 100 students with
 * this record left school within a year": a frequency among similar students, not a verdict.
 */
export function scoreWords(probability: number, horizonMonths: number): string {
  const per100 = Math.round(probability * 100);
  const count =
    per100 < 1
      ? 'fewer than 1 in 100'
      : per100 > 99
        ? 'more than 99 in 100'
        : `about ${per100} in 100`;
  return `${count} students with this record left school ${horizonWords(horizonMonths)}`;
}
