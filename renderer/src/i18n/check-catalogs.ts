import { languages } from './languages';
import type { Messages } from './messages';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Every key of a catalog as a dotted path, with its words. */
export function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (words: string): string[] =>
  [...words.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();

/**
 * The problems of one namespace across the four languages: keys missing or extra against
 * English (plural forms compared by their base key), empty words, and placeholders that differ
 * from English (a translation that drops `{{name}}` loses the name). Empty when all is well.
 */
export function catalogProblems(ns: string, catalog: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const english = flatten(catalog.en as Messages);
  const base = (key: string) => key.replace(pluralSuffix, '');
  const englishBases = new Map<string, string>();
  for (const [key, words] of english) englishBases.set(base(key), words);
  for (const language of languages) {
    const own = catalog[language] as Messages | undefined;
    if (!own) {
      problems.push(`${ns}: no ${language} catalog`);
      continue;
    }
    const words = flatten(own);
    const bases = new Set([...words.keys()].map(base));
    for (const key of englishBases.keys()) {
      if (!bases.has(key)) problems.push(`${ns}: ${language} is missing "${key}"`);
    }
    for (const key of bases) {
      if (!englishBases.has(key))
        problems.push(`${ns}: ${language} has "${key}", English does not`);
    }
    for (const [key, text] of words) {
      if (text.trim() === '') problems.push(`${ns}: ${language} "${key}" is empty`);
      const reference = english.get(key) ?? englishBases.get(base(key));
      if (reference === undefined) continue;
      const ownVars = variables(text).filter((v) => v !== 'count');
      const refVars = variables(reference).filter((v) => v !== 'count');
      if (ownVars.join() !== refVars.join()) {
        problems.push(
          `${ns}: ${language} "${key}" uses {{${ownVars.join(', ')}}}, English {{${refVars.join(', ')}}}`,
        );
      }
    }
    for (const key of words.keys()) {
      if (pluralSuffix.test(key) && !words.has(`${base(key)}_other`)) {
        problems.push(`${ns}: ${language} "${base(key)}" has plural forms but no _other`);
      }
    }
  }
  return problems;
}
