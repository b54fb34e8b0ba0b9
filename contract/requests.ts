import type { z } from 'zod';
import { systemRequests } from './domains/system';
import { authRequests } from './domains/auth';
import { auditRequests } from './domains/audit';
import { studentRequests } from './domains/records-students';
import { classRequests } from './domains/records-classes';
import { calendarRequests } from './domains/records-calendar';
import { registerRequests } from './domains/records-register';
import { marksRequests } from './domains/records-marks';
import { behaviourRequests } from './domains/records-behaviour';
import { importRequests } from './domains/import';
import { riskRequests } from './domains/risk';
import { demoRequests } from './domains/demo';
import { updateRequests } from './domains/updates';
import { encryptionRequests } from './domains/encryption';
import { backupRequests } from './domains/backups';
import { syncRequests } from './domains/sync';
import { districtRequests } from './domains/district';
import { dashboardRequests } from './domains/dashboard';
import { studentViewRequests } from './domains/views-students';
import { studentProfileRequests } from './domains/views-student-profile';
import { marksGridRequests } from './domains/records-marks-grid';
import { interventionViewRequests } from './domains/views-interventions';
import { incidentViewRequests } from './domains/views-incidents';
import { printRequests } from './domains/print';
import type { RequestSpec } from './spec';

export type { School, Health } from './domains/system';
export type * from './domains/health-history';
export { healthMetrics, healthMetricNames } from './domains/health-history';
export { schoolProfileInput } from './domains/system';
export type { CurrentUser, SetupStatus, User } from './domains/auth';
export type { AuditAction, AuditEntry, AuditExport, AuditPage } from './domains/audit';

export type * from './domains/records-students';
export type * from './domains/records-classes';
export type * from './domains/records-calendar';
export type * from './domains/records-register';
export type * from './domains/records-marks';
export type * from './domains/records-behaviour';
export type * from './domains/views-students';
export type * from './domains/views-student-profile';
export type * from './domains/records-marks-grid';
export type * from './domains/views-interventions';
export type * from './domains/views-incidents';
export type * from './domains/import';
export type * from './domains/risk';
export type { DemoSchoolStarted } from './domains/demo';
export type * from './domains/updates';
export { updateSourceInput } from './domains/updates';
export type * from './domains/encryption';
export type * from './domains/backups';
export { backupSettingsInput, backupReasons } from './domains/backups';
export type * from './domains/sync';
export type * from './domains/district';
export type * from './domains/dashboard';
export type * from './domains/print';

/**
 * The domains' request lists joined. Adding a request makes a missing handler a type error;
 * a test checks that no two domains use the same name.
 */
export const requestDomains = {
  system: systemRequests,
  auth: authRequests,
  audit: auditRequests,
  students: studentRequests,
  classes: classRequests,
  calendar: calendarRequests,
  register: registerRequests,
  marks: marksRequests,
  behaviour: behaviourRequests,
  import: importRequests,
  risk: riskRequests,
  demo: demoRequests,
  updates: updateRequests,
  encryption: encryptionRequests,
  backups: backupRequests,
  sync: syncRequests,
  district: districtRequests,
  dashboard: dashboardRequests,
  studentViews: studentViewRequests,
  studentProfile: studentProfileRequests,
  marksGrid: marksGridRequests,
  interventionViews: interventionViewRequests,
  incidentViews: incidentViewRequests,
  print: printRequests,
} as const;

export const requests = {
  ...systemRequests,
  ...authRequests,
  ...auditRequests,
  ...studentRequests,
  ...classRequests,
  ...calendarRequests,
  ...registerRequests,
  ...marksRequests,
  ...behaviourRequests,
  ...importRequests,
  ...riskRequests,
  ...demoRequests,
  ...updateRequests,
  ...encryptionRequests,
  ...backupRequests,
  ...syncRequests,
  ...districtRequests,
  ...dashboardRequests,
  ...studentViewRequests,
  ...studentProfileRequests,
  ...marksGridRequests,
  ...interventionViewRequests,
  ...incidentViewRequests,
  ...printRequests,
} satisfies Record<string, RequestSpec>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<K extends RequestName> = z.input<Requests[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<Requests[K]['input']>;
export type RequestOutput<K extends RequestName> = Requests[K]['output'];
export { requestNames } from './request-names';
