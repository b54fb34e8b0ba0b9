import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { allows, appRoutes } from '../routes';
import { useSession } from '../session';
import { LanguageSwitch } from './language-switch';
import { NavMenu } from './nav-menu';
import { screenTitle } from './route-view';
import { SkipLink } from './skip-link';

/** The signed-in layout: skip link, header with the role's navigation, language and user. */
export function Shell() {
  const { user, signOut } = useSession();
  const { t } = useTranslation('shell');
  const { t: tc } = useTranslation();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    // After a navigation, move focus to the new page's heading so screen readers announce it.
    if (firstRender.current) firstRender.current = false;
    else main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pathname]);

  const mine = appRoutes.filter((r) => allows(r, user.role));
  const daily = mine.filter((r) => r.nav === 'main');
  const menu = mine.filter((r) => r.nav === 'menu');
  const leads = user.role !== 'teacher';
  const overview = mine.find((r) => r.ns === 'admin');
  return (
    <div className="app">
      <SkipLink target="main" />
      <header className="app-header">
        <p className="brand">{tc('appName')}</p>
        <LanguageSwitch />
        <div className="user-menu">
          <p className="user-name">
            {t('userWithRole', { name: user.displayName, role: tc(`role.${user.role}`) })}
          </p>
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
        {/* Last in reading order and on a row of its own, under the name and language. */}
        <nav aria-label={t('mainNav')}>
          <ul>
            {daily.map((r) => (
              <li key={r.path}>
                <NavLink to={r.path} end>
                  {screenTitle(tc, r.ns)}
                </NavLink>
              </li>
            ))}
            {menu.length > 0 && (
              <NavMenu
                label={leads ? t('moreMenu.leader') : t('moreMenu.teacher')}
                overview={overview && { path: overview.path, label: t('moreMenu.overview') }}
                routes={menu}
              />
            )}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
