import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../components/page';

/** Shown in place of a page the signed-in role may not open. */
export function ForbiddenPage() {
  const { t } = useTranslation('shell');
  return (
    <Page heading={t('forbidden.title')}>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
