import type { ComponentType } from 'react';
import type { Role } from '../../contract';
import type { ScreenNamespace } from './i18n/resources';
import { BehaviourPage } from './pages/behaviour-page';
import { AdminPage } from './pages/admin-page';
import { AuditPage } from './pages/audit-page';
import { BackupsPage } from './pages/backups-page';
import { CalendarPage } from './pages/calendar-page';
import { ClassesPage } from './pages/classes-page';
import { ConflictsPage } from './pages/conflicts-page';
import { DistrictPage } from './pages/district-page';
import { ExportPage } from './pages/export-page';
import { HealthPage } from './pages/health-page';
import { HomePage } from './pages/home-page';
import { InterventionsPage } from './pages/interventions-page';
import { MarksPage } from './pages/marks-page';
import { ImportPage } from './pages/import-page';
import { ModelsPage } from './pages/models-page';
import { RegisterPage } from './pages/register-page';
import { RiskPage } from './pages/risk-page';
import { SchoolPage } from './pages/school-page';
import { SettingsPage } from './pages/settings-page';
import { StudentProfilePage } from './pages/student-profile-page';
import { StudentsPage } from './pages/students-page';
import { SyncPage } from './pages/sync-page';
import { UsersPage } from './pages/users-page';

export interface AppRoute {
  /** The route's path after `#`, in React Router's syntax (`/students/:id`). */
  path: string;
  /** The screen's catalog; its `title` names the route in the menu and the window title. */
  ns: ScreenNamespace;
  page: ComponentType;
  /** Who may open it; everyone signed in when absent. The backend checks again anyway. */
  roles?: readonly Role[];
  /**
   * Where the header lists it: `main`, a link of its own (the screens used every day); `menu`,
   * inside the header's Administration menu (More for teachers), so the header fits one line
   * on a 1024-pixel window in every language.
   */
  nav?: 'main' | 'menu';
}

const leaders = ['admin', 'head_teacher'] as const;

/** Every signed-in screen. A new screen is one page file, one line here and its catalog. */
export const appRoutes: readonly AppRoute[] = [
  { path: '/', ns: 'home', page: HomePage, nav: 'main' },
  { path: '/risk', ns: 'risk', page: RiskPage, nav: 'main' },
  { path: '/register', ns: 'register', page: RegisterPage, nav: 'main' },
  { path: '/marks', ns: 'marks', page: MarksPage, nav: 'main' },
  { path: '/students', ns: 'students', page: StudentsPage, nav: 'main' },
  { path: '/students/:id', ns: 'profile', page: StudentProfilePage },
  { path: '/behaviour', ns: 'behaviour', page: BehaviourPage, nav: 'main' },
  { path: '/interventions', ns: 'interventions', page: InterventionsPage, nav: 'main' },
  // In the header's Administration menu (More for teachers), in this order.
  { path: '/school', ns: 'school', page: SchoolPage, nav: 'menu', roles: leaders },
  { path: '/classes', ns: 'classes', page: ClassesPage, nav: 'menu', roles: leaders },
  { path: '/calendar', ns: 'calendar', page: CalendarPage, nav: 'menu', roles: leaders },
  { path: '/import', ns: 'import', page: ImportPage, nav: 'menu', roles: leaders },
  { path: '/export', ns: 'export', page: ExportPage, nav: 'menu', roles: leaders },
  { path: '/models', ns: 'models', page: ModelsPage, nav: 'menu', roles: leaders },
  { path: '/users', ns: 'users', page: UsersPage, nav: 'menu', roles: ['admin'] },
  { path: '/audit', ns: 'audit', page: AuditPage, nav: 'menu', roles: leaders },
  { path: '/backups', ns: 'backups', page: BackupsPage, nav: 'menu', roles: ['admin'] },
  { path: '/sync', ns: 'sync', page: SyncPage, nav: 'menu', roles: leaders },
  { path: '/conflicts', ns: 'conflicts', page: ConflictsPage, nav: 'menu', roles: leaders },
  // A district admin's view of every school; the backend allows the report to admins only.
  { path: '/district', ns: 'district', page: DistrictPage, nav: 'menu', roles: ['admin'] },
  { path: '/health', ns: 'health', page: HealthPage, nav: 'menu' },
  { path: '/settings', ns: 'settings', page: SettingsPage, nav: 'menu' },
  // The administration screens with what each is for: first in the Administration menu.
  { path: '/admin', ns: 'admin', page: AdminPage, roles: leaders },
];

/** Whether `role` may open `route`. */
export const allows = (route: AppRoute, role: Role): boolean =>
  !route.roles || route.roles.includes(role);
