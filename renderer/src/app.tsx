import { useEffect, useRef, type ReactNode } from 'react';
import type { CurrentUser, Role } from '../../contract';
import { FailureAlert } from './components/failure-alert';
import { HealthPage } from './pages/health-page';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { RiskPage } from './pages/risk-page';
import { SchoolPage } from './pages/school-page';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { roleNames } from './role-names';
import { Link, useRoute } from './router';
import { useSession } from './use-session';

interface Route {
  title: string;
  page: () => ReactNode;
  /** Who sees the page; everyone signed in when absent. The backend checks again anyway. */
  roles?: readonly Role[];
}

const routes: Record<string, Route> = {
  '/': { title: 'Home', page: () => <HomePage /> },
  '/risk': { title: 'At risk', page: () => <RiskPage /> },
  '/school': {
    title: 'School profile',
    page: () => <SchoolPage />,
    roles: ['admin', 'head_teacher'],
  },
  '/health': { title: 'Health', page: () => <HealthPage /> },
};

/** The window: first-run setup, then sign-in, then the app for whoever is signed in. */
export function App() {
  const { state, signedIn, signOut } = useSession();
  switch (state.kind) {
    case 'loading':
      return (
        <Frame title="Beacon">
          <p role="status">Loading…</p>
        </Frame>
      );
    case 'failed':
      return (
        <Frame title="Beacon">
          <FailureAlert failure={state.failure} title="Beacon could not start" />
        </Frame>
      );
    case 'setup':
      return (
        <Frame title="Set up your school">
          <SetupPage schoolName={state.schoolName} onDone={signedIn} />
        </Frame>
      );
    case 'signedOut':
      return (
        <Frame title="Sign in">
          <SignInPage onSignedIn={signedIn} />
        </Frame>
      );
    case 'signedIn':
      return <Shell user={state.user} onSignOut={signOut} />;
  }
}

/** The bare layout of the pages shown before anyone is signed in. */
function Frame({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = title === 'Beacon' ? title : `${title} · Beacon`;
  }, [title]);
  return (
    <div className="app">
      <header className="app-header">
        <p className="brand">Beacon</p>
      </header>
      <main>{children}</main>
    </div>
  );
}

/** The signed-in layout: header with navigation and the user, and the current route's page. */
function Shell({ user, onSignOut }: { user: CurrentUser; onSignOut: () => Promise<void> }) {
  const path = useRoute();
  const visible = Object.entries(routes).filter(([, r]) => !r.roles || r.roles.includes(user.role));
  const route = visible.find(([to]) => to === path)?.[1];
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${route?.title ?? 'Not found'} · Beacon`;
    // After a navigation, move focus to the new page's heading so screen readers announce it.
    if (firstRender.current) firstRender.current = false;
    else main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  return (
    <div className="app">
      <header className="app-header">
        <p className="brand">Beacon</p>
        <nav aria-label="Main">
          <ul>
            {visible.map(([to, { title }]) => (
              <li key={to}>
                <Link to={to}>{title}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-menu">
          <p className="user-name">
            {user.displayName} <span className="user-role">({roleNames[user.role]})</span>
          </p>
          <button type="button" onClick={() => void onSignOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main ref={main} key={path}>
        {route ? route.page() : <NotFoundPage />}
      </main>
    </div>
  );
}
