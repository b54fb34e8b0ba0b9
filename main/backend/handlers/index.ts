import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { healthHandlers } from './health';
import { importHandlers } from './import';
import { mergeHandlerMaps } from './merge';
import { safeguardHandlers } from './safeguards';
import { schoolHandlers } from './school';
import { behaviourHandlers } from './records-behaviour';
import { calendarHandlers } from './records-calendar';
import { classHandlers } from './records-classes';
import { marksHandlers } from './records-marks';
import { registerHandlers } from './records-register';
import { studentHandlers } from './records-students';
import { riskHandlers } from './risk';
import { demoHandlers } from './demo';
import { encryptionHandlers } from './encryption';
import { syncHandlers } from './sync';
import { districtHandlers } from './district';
import { updateHandlers } from './updates';
import { backupHandlers } from './backups';
import { dashboardHandlers } from './dashboard';
import type { Handlers } from './types';
import { studentViewHandlers } from './views-students';
import { studentProfileHandlers } from './views-student-profile';
import { marksGridHandlers } from './records-marks-grid';
import { interventionViewHandlers } from './views-interventions';
import { incidentViewHandlers } from './views-incidents';
import { printHandlers } from './print';

/** Every request's handler. A request in the contract without one here is a type error. */
export const handlers = mergeHandlerMaps(
  healthHandlers,
  schoolHandlers,
  authHandlers,
  safeguardHandlers,
  auditHandlers,
  studentHandlers,
  classHandlers,
  calendarHandlers,
  registerHandlers,
  marksHandlers,
  behaviourHandlers,
  importHandlers,
  riskHandlers,
  demoHandlers,
  updateHandlers,
  encryptionHandlers,
  backupHandlers,
  syncHandlers,
  districtHandlers,
  dashboardHandlers,
  studentViewHandlers,
  studentProfileHandlers,
  marksGridHandlers,
  interventionViewHandlers,
  incidentViewHandlers,
  printHandlers,
) satisfies Handlers;
