import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { allows, appRoutes } from '../routes';
import { useSession } from '../session';
import { LanguageSwitch } from './language-switch';
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

  const links = appRoutes.filter((r) => r.nav && allows(r, user.role));
  return (
    <div className="app">
      <SkipLink target="main" />
      <header className="app-header">
        <p className="brand">{tc('appName')}</p>
        <nav aria-label={t('mainNav')}>
          <ul>
            {links.map((r) => (
              <li key={r.path}>
                <NavLink to={r.path} end>
                  {screenTitle(tc, r.ns)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
        <div className="user-menu">
          <p className="user-name">
            {t('userWithRole', { name: user.displayName, role: tc(`role.${user.role}`) })}
          </p>
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
