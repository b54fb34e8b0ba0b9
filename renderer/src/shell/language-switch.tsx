import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../i18n/setup';
import { isLanguage, languageNames, languages } from '../i18n/languages';

/** The language picker in every header: switches the window at once and remembers the choice. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('shell');
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language')}</label>
      <select
        id={id}
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void chooseLanguage(e.target.value);
        }}
      >
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {languageNames[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
