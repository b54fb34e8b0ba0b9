/** The languages Beacon speaks; every catalog has all four. */
export const languages = ['en', 'fr', 'es', 'pt'] as const;
export type Language = (typeof languages)[number];

/** Each language named in itself, so a reader finds their own whatever is shown now. */
export const languageNames: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
};

const storageKey = 'beacon.language';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** The first of the system's preferred languages Beacon speaks ("fr-CA" is French); else English. */
export function systemLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The language chosen on this computer, if one was ever chosen. */
export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage unavailable: fall back to the system's language
  }
}

/** Remembers the chosen language on this computer (a preference, not school data). */
export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered: the next start asks the system again.
  }
}
