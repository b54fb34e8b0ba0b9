import { languages, type Language } from './languages';
import type { Messages } from './messages';
import { behaviour } from './catalogs/behaviour';
import { admin } from './catalogs/admin';
import { audit } from './catalogs/audit';
import { backups } from './catalogs/backups';
import { calendar } from './catalogs/calendar';
import { classes } from './catalogs/classes';
import { common } from './catalogs/common';
import { conflicts } from './catalogs/conflicts';
import { district } from './catalogs/district';
import { errors } from './catalogs/errors';
import { exportCatalog } from './catalogs/export';
import { factors } from './catalogs/factors';
import { fields } from './catalogs/fields';
import { health } from './catalogs/health';
import { healthHistory } from './catalogs/health-history';
import { home } from './catalogs/home';
import { interventions } from './catalogs/interventions';
import { marks } from './catalogs/marks';
import { profile } from './catalogs/profile';
import { models } from './catalogs/model-versions';
import { register } from './catalogs/register';
import { importCatalog } from './catalogs/import';
import { risk } from './catalogs/risk';
import { school } from './catalogs/school';
import { settings } from './catalogs/settings';
import { setup } from './catalogs/setup';
import { shell } from './catalogs/shell';
import { signIn } from './catalogs/sign-in';
import { students } from './catalogs/students';
import { sync } from './catalogs/sync';
import { users } from './catalogs/users';

/**
 * Every namespace, one per screen or shared part. A new screen adds its catalog file under
 * catalogs/ and one line here; its components then call `useTranslation('<namespace>')`.
 */
export const catalogs = {
  common,
  errors,
  factors,
  fields,
  shell,
  setup,
  signIn,
  home,
  risk,
  school,
  health,
  healthHistory,
  models,
  register,
  students,
  profile,
  marks,
  interventions,
  behaviour,
  import: importCatalog,
  export: exportCatalog,
  users,
  audit,
  classes,
  settings,
  calendar,
  admin,
  backups,
  sync,
  conflicts,
  district,
};

export type Namespace = keyof typeof catalogs;
export const namespaces = Object.keys(catalogs) as Namespace[];

/** The English catalogs: the shape i18next's types check keys against. */
export type EnglishResources = { [N in Namespace]: (typeof catalogs)[N]['en'] };

/** The catalogs as i18next wants them: language, then namespace, then keys. */
export const resources = Object.fromEntries(
  languages.map((language) => [
    language,
    Object.fromEntries(namespaces.map((ns) => [ns, catalogs[ns][language] as unknown as Messages])),
  ]),
) as Record<Language, Record<Namespace, Messages>>;

/** The namespaces of routed screens: each has a `title`, used for navigation and the window. */
export type ScreenNamespace = {
  [N in Namespace]: EnglishResources[N] extends { title: string } ? N : never;
}[Namespace];
