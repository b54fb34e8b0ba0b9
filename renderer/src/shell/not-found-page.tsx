import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../components/page';
import { useDocumentTitle } from '../components/use-document-title';

/** Any hash that matches no route. */
export function NotFoundPage() {
  const { t } = useTranslation('shell');
  useDocumentTitle(t('notFound.title'));
  return (
    <Page heading={t('notFound.title')}>
      <p>
        {t('notFound.body')} <Link to="/">{t('notFound.home')}</Link>.
      </p>
    </Page>
  );
}
