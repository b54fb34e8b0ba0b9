import { backupDemo } from './backup.bench';
import { centralReport100 } from './central-report.bench';
import { demoCliDefault, demoFirstRun1200, demoFirstRun300 } from './demo-first-run.bench';
import { featuresRebuild5k } from './features-rebuild.bench';
import type { Benchmark } from './harness';
import { importAttendance1mPeakMemory } from './import-attendance-1m.bench';
import { importAttendance200k } from './import-attendance.bench';
import { registerSaveClass40 } from './register-save.bench';
import { scoreSchool5kSaved } from './score-school.bench';
import { uiHome5k } from './ui-home.bench';
import { uiProfileOpen } from './ui-profile-open.bench';
import { uiRegisterSave35 } from './ui-register-save.bench';
import { uiStudentsScroll5k } from './ui-students-scroll.bench';
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
  scoreSchool5kSaved,
  explainAgreement,
  scoreStudentAfterWrite,
  // After the risk benchmarks, which leave the demo school's champion in the cache.
  registerSaveClass40,
  backupDemo,
  storageDemoPerStudentYear,
  syncPushDaily,
  syncPullDaily,
  syncPushInitial1m,
  centralReport100,
  // The UI benchmarks share one browser and backend (bench/ui-harness.ts) on the demo school
  // with the champion the risk benchmarks leave in the cache; they need the built renderer.
  uiHome5k,
  uiStudentsScroll5k,
  uiProfileOpen,
  // Last of the UI benchmarks: its saves change the school the others read.
  uiRegisterSave35,
  // A new user's first run: the demo school from nothing to its at-risk list.
  demoFirstRun300,
  demoFirstRun1200,
  demoCliDefault,
];
