import { createDataset, type Dataset } from '../../models/dataset';
import { createRng } from '../../models/rng';

/** How a synthetic school's risk is made: the shape of its attendance, failures and odds. */
export interface RiskShape {
  /** Attendance is drawn uniformly between this and 1. */
  attendanceFloor: number;
  /** Failed subjects are drawn from 0 to this, excluded. */
  failedLimit: number;
  /** Log-odds per point of attendance under 0.8 (negative: less attendance, more risk). */
  attendanceWeight: number;
  /** Log-odds per failed subject. */
  failedWeight: number;
  bias: number;
}

/** The models tests' school: risk rises as attendance falls and as failed subjects rise. */
export const defaultShape: RiskShape = {
  attendanceFloor: 0.6,
  failedLimit: 4,
  attendanceWeight: -8,
  failedWeight: 0.8,
  bias: -2,
};

/**
 * `n` students of a synthetic school, seeded so every run draws the same ones: attendance and
 * failed subjects drive the outcome through `shape`; town means nothing.
 */
export function syntheticSchool(n: number, seed: number, shape: RiskShape = defaultShape): Dataset {
  const rng = createRng(seed);
  const attendance = new Float64Array(n);
  const failed = new Float64Array(n);
  const town: (string | null)[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    attendance[i] = shape.attendanceFloor + (1 - shape.attendanceFloor) * rng.next();
    failed[i] = rng.int(shape.failedLimit);
    town.push(rng.next() < 0.5 ? 'north' : 'south');
    const z =
      shape.attendanceWeight * ((attendance[i] as number) - 0.8) +
      shape.failedWeight * (failed[i] as number) +
      shape.bias;
    y.push(rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return createDataset(
    [
      { name: 'attendance', kind: 'numeric', values: attendance },
      { name: 'failed', kind: 'numeric', values: failed },
      { name: 'town', kind: 'categorical', values: town },
    ],
    y,
  );
}
