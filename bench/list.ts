import { featuresRebuild5k } from './features-rebuild.bench';
import type { Benchmark } from './harness';
import { importAttendance200k } from './import-attendance.bench';
import { registerSaveClass40 } from './register-save.bench';

/** Every benchmark, in the order they run. Each lives in its own file beside this one. */
export const benchmarks: Benchmark[] = [
  featuresRebuild5k,
  registerSaveClass40,
  importAttendance200k,
];
