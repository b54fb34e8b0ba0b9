import { describe, expect, it } from 'vitest';
import { LatencyRecorder, percentile } from '../../main/backend/health/latency';

describe('request latency', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('keeps only watched requests, the newest up to its cap, and starts again when drained', () => {
    const recorder = new LatencyRecorder(3);
    recorder.record('riskList', 1);
    recorder.record('saveRegister', 2);
    recorder.record('signIn', 500);
    for (const ms of [3, 4, 5]) recorder.record('listStudents', ms);
    expect(recorder.drain()).toEqual({ prediction: [1], hot: [3, 4, 5] });
    expect(recorder.drain()).toEqual({ prediction: [], hot: [] });
  });
});
