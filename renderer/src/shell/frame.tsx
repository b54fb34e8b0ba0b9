import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/use-document-title';
import { LanguageSwitch } from './language-switch';
import { SkipLink } from './skip-link';

/** The bare layout of the pages shown before anyone is signed in: brand and language only. */
export function Frame({ title, children }: { title: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <div className="app">
      <SkipLink target="main" />
      <header className="app-header">
        <p className="brand">{t('appName')}</p>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
