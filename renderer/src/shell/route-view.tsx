import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/use-document-title';
import type { ScreenNamespace } from '../i18n/resources';
import { allows, type AppRoute } from '../routes';
import { useSession } from '../session';
import { ForbiddenPage } from './forbidden-page';

/** A screen's title in the current language (each screen catalog has a `title`). */
export function screenTitle(t: TFunction, ns: ScreenNamespace): string {
  return t('title', { ns } as never) as unknown as string;
}

/** One route's page, or a refusal when the signed-in role may not open it. */
export function RouteView({ route }: { route: AppRoute }) {
  const { user } = useSession();
  const { t } = useTranslation();
  const allowed = allows(route, user.role);
  useDocumentTitle(allowed ? screenTitle(t, route.ns) : null);
  if (!allowed) return <ForbiddenPage />;
  const Screen = route.page;
  return <Screen />;
}
