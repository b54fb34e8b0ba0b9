import type { Benchmark } from './harness';

/** Every benchmark, in the order they run. Each lives in its own file beside this one. */
export const benchmarks: Benchmark[] = [];
