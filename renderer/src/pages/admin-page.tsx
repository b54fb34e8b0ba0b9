import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../components/page';
import type { ScreenNamespace } from '../i18n/resources';
import { allows, appRoutes } from '../routes';
import { screenTitle } from '../shell/route-view';
import { useSession } from '../session';

/** The screens this hub lists, in the order a new school year needs them. */
const screens: readonly ScreenNamespace[] = [
  'classes',
  'calendar',
  'import',
  'export',
  'users',
  'audit',
  'backups',
  'sync',
  'conflicts',
  'district',
];

/**
 * One menu entry for the administration screens (so the main navigation stays one line): a
 * link to each the signed-in role may open, with what it is for.
 */
export function AdminPage() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const routes = screens.flatMap((ns) =>
    appRoutes.filter((r) => r.ns === ns && allows(r, user.role)),
  );
  return (
    <Page heading={t('title')} lead={t('lead')}>
      <ul className="admin-links" aria-label={t('list')}>
        {routes.map((route) => (
          <li key={route.path}>
            <Link to={route.path}>{screenTitle(tc, route.ns)}</Link>
            <p className="muted">{tc('lead', { ns: route.ns } as never) as unknown as string}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
