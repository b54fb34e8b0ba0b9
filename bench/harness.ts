/** One benchmark: what it measures, its target, and how to run it once (it may repeat inside). */
export interface Benchmark {
  name: string;
  unit: string;
  /** Human-readable target, e.g. "<= 5" or ">= 0.5". */
  target: string;
  /** True when `value` meets the target. */
  meets(value: number, ratio?: number): boolean;
  run(): Promise<BenchResult>;
}

export interface BenchResult {
  value: number;
  /** Against a baseline run in the same process, where the benchmark has one. */
  ratio?: number;
  /** What the ratio compares, e.g. "vs raw better-sqlite3 insert". */
  ratioOf?: string;
  /** Other figures worth printing (sizes, counts). */
  notes?: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

/** A plain text table: the header, a rule, then the rows, each column padded to its widest cell. */
export function tableLines(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** Milliseconds taken by fn, with a high-resolution clock. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const finishers: (() => Promise<void>)[] = [];

/** Runs `fn` once every selected benchmark has run (closing what several of them share). */
export function afterBenchmarks(fn: () => Promise<void>): void {
  finishers.push(fn);
}

/** Called by the runner at the end; each finisher runs even when an earlier one fails. */
export async function runAfterBenchmarks(): Promise<void> {
  const failures: unknown[] = [];
  for (const fn of finishers.splice(0)) await fn().catch((err: unknown) => failures.push(err));
  if (failures.length) throw failures[0];
}
