import { useEffect, useRef, type ReactNode } from 'react';
import { HealthPage } from './pages/health-page';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { SchoolPage } from './pages/school-page';
import { Link, useRoute } from './router';

interface Route {
  title: string;
  page: () => ReactNode;
}

const routes: Record<string, Route> = {
  '/': { title: 'Home', page: () => <HomePage /> },
  '/school': { title: 'School profile', page: () => <SchoolPage /> },
  '/health': { title: 'Health', page: () => <HealthPage /> },
};

/** The window's layout: header, main navigation, and the page for the current route. */
export function App() {
  const path = useRoute();
  const route = routes[path];
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
            {Object.entries(routes).map(([to, { title }]) => (
              <li key={to}>
                <Link to={to}>{title}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main ref={main} key={path}>
        {route ? route.page() : <NotFoundPage />}
      </main>
    </div>
  );
}
