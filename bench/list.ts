import { backupDemo } from './backup.bench';
import { demoCliDefault, demoFirstRun1200, demoFirstRun300 } from './demo-first-run.bench';
import { featuresRebuild5k } from './features-rebuild.bench';
import type { Benchmark } from './harness';
import { importAttendance1mPeakMemory } from './import-attendance-1m.bench';
import { importAttendance200k } from './import-attendance.bench';
import { registerSaveClass40 } from './register-save.bench';
import { uiHome5k } from './ui-home.bench';
import { storageDemoPerStudentYear } from './storage.bench';
import { syncPullDaily, syncPushDaily, syncPushInitial1m } from './sync.bench';
import {
  explainAgreement,
  scoreSchool5k,
  scoreStudentAfterWrite,
  trainDemo5k,
  trainDemo5kEventLoop,
} from './risk.bench';

/** Every benchmark, in the order they run. Each lives in its own file beside this one. */
export const benchmarks: Benchmark[] = [
  featuresRebuild5k,
  importAttendance200k,
  importAttendance1mPeakMemory,
  trainDemo5k,
  trainDemo5kEventLoop,
  scoreSchool5k,
  explainAgreement,
  scoreStudentAfterWrite,
  // After the risk benchmarks, which leave the demo school's champion in the cache.
  registerSaveClass40,
  backupDemo,
  storageDemoPerStudentYear,
  syncPushDaily,
  syncPullDaily,
  syncPushInitial1m,
  // Uses the demo champion the risk benchmarks leave in the cache, and the built renderer.
  uiHome5k,
  // A new user's first run: the demo school from nothing to its at-risk list.
  demoFirstRun300,
  demoFirstRun1200,
  demoCliDefault,
];
