import type { TFunction } from 'i18next';

type Rule = [RegExp, (m: RegExpMatchArray, t: TFunction<'fields'>) => string];

/** The contract's rule messages (contract/schemas.ts and the domain schemas) and their words. */
const rules: Rule[] = [
  [/^must not be empty$/, (_, t) => t('empty')],
  [/^must contain something other than spaces$/, (_, t) => t('blank')],
  [/^must be at most (\d+) characters( long)?$/, (m, t) => t('maxLength', { count: Number(m[1]) })],
  [
    /^must be at least (\d+) characters( long)?$/,
    (m, t) => t('minLength', { count: Number(m[1]) }),
  ],
  [/^must be at most (-?[\d.]+)$/, (m, t) => t('max', { limit: m[1] ?? '' })],
  [/^must be at least (-?[\d.]+)$/, (m, t) => t('min', { limit: m[1] ?? '' })],
  [/^must be a whole number$/, (_, t) => t('integer')],
  [/^must be a date written YYYY-MM-DD$/, (_, t) => t('date')],
  [/^is not a real calendar date$/, (_, t) => t('realDate')],
  [/^must be an id$/, (_, t) => t('id')],
];

/**
 * One field's problem as a sentence naming the field, in the user's language: "School name
 * must not be empty." / "Nom de l'établissement : ne doit pas être vide.". A rule this file
 * does not know keeps the backend's English words after the label and a colon.
 */
export function fieldMessage(label: string, message: string, t: TFunction<'fields'>): string {
  for (const [pattern, words] of rules) {
    const match = message.match(pattern);
    if (match) return t('sentence', { label, problem: words(match, t) });
  }
  return t('other', { label, problem: message });
}
