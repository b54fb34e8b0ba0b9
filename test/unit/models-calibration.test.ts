import { describe, expect, it } from 'vitest';
import { calibrate, fitIsotonic, fitPlatt, sigmoid } from '../../models/calibration';

describe('calibration', () => {
  it('Platt scaling recovers the slope and intercept of a logistic relation', () => {
    // Expected labels as fractions: many rows at each raw score, with rate sigmoid(2x - 1).
    const raw: number[] = [];
    const labels: number[] = [];
    for (let x = -3; x <= 3; x += 0.5) {
      const positives = Math.round(200 * sigmoid(2 * x - 1));
      for (let i = 0; i < 200; i++) {
        raw.push(x);
        labels.push(i < positives ? 1 : 0);
      }
    }
    const cal = fitPlatt(raw, labels);
    if (cal.method !== 'platt') throw new Error('expected Platt');
    expect(cal.a).toBeCloseTo(2, 1);
    expect(cal.b).toBeCloseTo(-1, 1);
    expect(calibrate(cal, 0.5, true)).toBeCloseTo(0.5, 1);
  });

  it('Platt scaling stays finite on perfectly separated rows', () => {
    const cal = fitPlatt([-2, -1, 1, 2], [0, 0, 1, 1]);
    if (cal.method !== 'platt') throw new Error('expected Platt');
    expect(Number.isFinite(cal.a) && Number.isFinite(cal.b)).toBe(true);
    expect(calibrate(cal, 2, true)).toBeLessThan(1);
  });

  it('isotonic regression pools adjacent violators as computed by hand', () => {
    // Sorted: 0.1→0, 0.2→1, 0.3→0, 0.4→1: 0.2 and 0.3 pool to 0.5.
    const cal = fitIsotonic([0.3, 0.1, 0.4, 0.2], [0, 0, 1, 1]);
    expect(cal).toEqual({
      method: 'isotonic',
      lo: [0.1, 0.2, 0.4],
      hi: [0.1, 0.3, 0.4],
      p: [0, 0.5, 1],
    });
    expect(calibrate(cal, 0.25, false)).toBe(0.5);
    expect(calibrate(cal, 0.35, false)).toBeCloseTo(0.75, 12);
    expect(calibrate(cal, 0, false)).toBe(0);
    expect(calibrate(cal, 9, false)).toBe(1);
  });
});
