import { createHashRouter } from 'react-router';
import { appRoutes } from '../routes';
import { NotFoundPage } from './not-found-page';
import { RouteView } from './route-view';
import { Shell } from './shell';

/** The signed-in app's router: hash history (the app is served from files), the shell around every route. */
export function createAppRouter() {
  return createHashRouter([
    {
      element: <Shell />,
      children: [
        ...appRoutes.map((route) => ({ path: route.path, element: <RouteView route={route} /> })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
