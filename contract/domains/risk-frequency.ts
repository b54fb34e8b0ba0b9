/**
 * How a share reads as a frequency among 100 students: the one rule behind the backend's English
 * `scoreText` and the renderer's words in every language, so the two never disagree.
 */
export interface Frequency {
  /**
   * 'about': about `per100` in 100; 'fewer': fewer than 1 in 100; 'more': more than 99 in 100;
   * 'none' and 'all': exactly 0 or every one (only for shares counted exactly, never a probability).
   */
  bound: 'none' | 'fewer' | 'about' | 'more' | 'all';
  /** The share rounded to whole students in 100 (0-100). */
  per100: number;
}

/**
 * A share (0-1) as "about N in 100", rounded to the nearest whole student. A probability never
 * reads as 0 or 100 in 100 (it is "fewer than 1", "more than 99"); a share counted from real
 * students (`exact`, e.g. a tier's precision) reads as none or all when it is exactly 0 or 1.
 */
export function frequencyOf(share: number, exact = false): Frequency {
  const per100 = Math.round(Math.min(1, Math.max(0, share)) * 100);
  if (exact && share <= 0) return { bound: 'none', per100: 0 };
  if (exact && share >= 1) return { bound: 'all', per100: 100 };
  if (per100 < 1) return { bound: 'fewer', per100 };
  if (per100 > 99) return { bound: 'more', per100 };
  return { bound: 'about', per100 };
}

/** A horizon as a head teacher says it: whole years up to three ("within a year"), else months. */
export function horizonOf(months: number): { years: 1 | 2 | 3 } | { months: number } {
  if (months === 12 || months === 24 || months === 36) return { years: (months / 12) as 1 | 2 | 3 };
  return { months };
}
