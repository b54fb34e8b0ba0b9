import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { storedLanguage, storeLanguage, systemLanguage, type Language } from './languages';
import { namespaces, resources } from './resources';

/**
 * Starts i18next in the language chosen on this computer, else the system's, else English.
 * Catalogs are bundled, so it is ready when this returns.
 */
export function startI18n(language?: Language): i18n {
  const lng = language ?? storedLanguage() ?? systemLanguage(navigator.languages);
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr', 'es', 'pt'],
    resources,
    ns: namespaces,
    defaultNS: 'common',
    // React escapes what it renders; escaping here too would show "&amp;" to people.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
  return i18next;
}

/** Switches the whole window to `language` and remembers it on this computer. */
export async function chooseLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18next.changeLanguage(language);
}
