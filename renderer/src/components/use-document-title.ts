import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the window "<title> · Beacon", or "Beacon" alone when `title` is null. */
export function useDocumentTitle(title: string | null): void {
  const { t } = useTranslation();
  const full = title === null ? t('appName') : t('titleWithApp', { title });
  useEffect(() => {
    document.title = full;
  }, [full]);
}
