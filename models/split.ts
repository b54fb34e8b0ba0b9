import { ModelError } from './errors';
import type { Rng } from './rng';
import { createRng, shuffleInPlace } from './rng';

/** Row indices of each class, shuffled by `rng`. */
function shuffledByClass(labels: Uint8Array, rng: Rng): [Int32Array, Int32Array] {
  const neg: number[] = [];
  const pos: number[] = [];
  labels.forEach((y, i) => (y === 1 ? pos : neg).push(i));
  return [shuffleInPlace(Int32Array.from(neg), rng), shuffleInPlace(Int32Array.from(pos), rng)];
}

/**
 * Splits rows into training and validation parts with the same class balance. Each class keeps
 * at least one row on each side, so validation can always be scored.
 */
export function stratifiedSplit(
  labels: Uint8Array,
  validationFraction: number,
  rng: Rng,
): { train: Int32Array; validation: Int32Array } {
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw new ModelError(
      'INVALID_OPTIONS',
      `The validation fraction must be between 0 and 1, not ${validationFraction}.`,
    );
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (const group of shuffledByClass(labels, rng)) {
    if (group.length < 2) {
      throw new ModelError(
        'INVALID_DATA',
        'Each class needs at least 2 rows to hold some out for validation.',
      );
    }
    const take = Math.min(
      group.length - 1,
      Math.max(1, Math.round(group.length * validationFraction)),
    );
    group.forEach((row, i) => (i < take ? validation : train).push(row));
  }
  return { train: Int32Array.from(train).sort(), validation: Int32Array.from(validation).sort() };
}

/**
 * Assigns each row to one of `k` folds so every fold has nearly the same class balance
 * (stratified k-fold). Deterministic for a seed. Needs at least `k` rows of each class.
 */
export function stratifiedFolds(labels: Uint8Array, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) {
    throw new ModelError(
      'INVALID_OPTIONS',
      `The number of folds must be an integer of at least 2, not ${k}.`,
    );
  }
  const fold = new Int32Array(labels.length);
  let offset = 0;
  for (const group of shuffledByClass(labels, createRng(seed))) {
    if (group.length < k) {
      throw new ModelError(
        'INVALID_OPTIONS',
        `${k} folds need at least ${k} rows of each class; one class has ${group.length}.`,
      );
    }
    // Continue the round-robin across classes so fold sizes differ by at most one row.
    group.forEach((row, i) => (fold[row] = (offset + i) % k));
    offset = (offset + group.length) % k;
  }
  return fold;
}
