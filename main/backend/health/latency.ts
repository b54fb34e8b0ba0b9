import type { RequestName } from '../../../contract';

/** Requests that answer with a risk score: their answer time is the prediction latency. */
const predictionRequests: ReadonlySet<string> = new Set<RequestName>(['riskList', 'studentRisk']);

/** What staff do all day: their answer time is the hot-query latency the health page watches. */
const hotRequests: ReadonlySet<string> = new Set<RequestName>([
  'openRegister',
  'saveRegister',
  'openMarksGrid',
  'saveMarks',
  'listStudents',
  'getStudent',
  'riskList',
  'studentRisk',
]);

/** The value below which `p` of the values fall (nearest rank); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? null;
}

/**
 * Answer times of the watched requests since the last sample, kept in memory (at most `cap` of
 * each kind, the newest) and handed over when a health sample is taken.
 */
export class LatencyRecorder {
  private prediction: number[] = [];
  private hot: number[] = [];

  constructor(private readonly cap = 10_000) {}

  record(request: string, ms: number): void {
    if (predictionRequests.has(request)) push(this.prediction, ms, this.cap);
    if (hotRequests.has(request)) push(this.hot, ms, this.cap);
  }

  /** The times recorded since the last call, which starts a new window. */
  drain(): { prediction: number[]; hot: number[] } {
    const taken = { prediction: this.prediction, hot: this.hot };
    this.prediction = [];
    this.hot = [];
    return taken;
  }
}

function push(list: number[], value: number, cap: number): void {
  list.push(value);
  if (list.length > cap) list.splice(0, list.length - cap);
}
