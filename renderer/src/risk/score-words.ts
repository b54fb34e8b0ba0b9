import type { TFunction } from 'i18next';
import type { TierQuality } from '../../../contract';
import { frequencyOf, horizonOf } from '../../../contract/domains/risk-frequency';

/** The school's horizon in the reader's words: "within a year", "dans les 6 mois qui ont suivi". */
export function horizonWords(t: TFunction<'risk'>, months: number): string {
  const h = horizonOf(months);
  return 'years' in h
    ? t(`words.within.year${h.years}`)
    : t('words.within.months', { count: h.months });
}

/**
 * A calibrated probability as a frequency among similar students, in the reader's language,
 * e.g. "about 6 in 100 students with this record left school within a year". The same rule as
 * the backend's English `scoreText` (contract/domains/risk-frequency.ts); lower case, to sit in
 * a sentence (see `sentence`).
 */
export function scoreWords(t: TFunction<'risk'>, probability: number, months: number): string {
  const f = frequencyOf(probability);
  const within = horizonWords(t, months);
  if (f.bound === 'fewer') return t('words.score.fewer', { within });
  if (f.bound === 'more') return t('words.score.more', { within });
  return t('words.score.about', { count: f.per100, within });
}

/** Words made to open a sentence: the first letter in upper case, as the language writes it. */
export function sentence(words: string, language: string): string {
  return words.charAt(0).toLocaleUpperCase(language) + words.slice(1);
}

/**
 * How one tier did on the held-out students, as sentences a head teacher reads right: how many
 * were placed in it, how many of those left (precision), and how many of all who left it found
 * (recall). Shares counted from real students read as none or all when exact.
 */
export function tierQualityWords(
  t: TFunction<'risk'>,
  quality: TierQuality,
  months: number,
): string[] {
  const within = horizonWords(t, months);
  const out: string[] = [];
  if (quality.precision === null || quality.students === 0) {
    out.push(t('quality.precision.unknown'));
  } else {
    out.push(t('quality.placed', { count: quality.students }));
    const p = frequencyOf(quality.precision, true);
    out.push(
      p.bound === 'about'
        ? t('quality.precision.about', { count: p.per100, within })
        : t(`quality.precision.${p.bound}`, { within }),
    );
  }
  if (quality.recall === null) {
    out.push(t('quality.recall.unknown'));
  } else {
    const r = frequencyOf(quality.recall, true);
    out.push(t(`quality.recall.${r.bound}`, { per100: r.per100 }));
  }
  return out;
}
