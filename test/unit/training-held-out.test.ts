import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import {
  chooseHeldOut,
  heldOutFraction,
  MIN_HELD_OUT_POSITIVES,
} from '../../main/backend/training/run-training';

describe('chooseHeldOut', () => {
  it('holds out the same students whatever the run, by a hash of their id', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    const labels = ids.map((_, i) => (i % 10 === 0 ? 1 : 0));
    const a = chooseHeldOut(ids, labels, 0.2);
    expect(chooseHeldOut([...ids].reverse(), [...labels].reverse(), 0.2)).toEqual(a);
    expect([...a].every((id) => heldOutFraction(id) < 0.2)).toBe(true);
    expect(a.size / ids.length).toBeGreaterThan(0.15);
    expect(a.size / ids.length).toBeLessThan(0.25);
  });

  it('still holds out enough dropouts in a small school', () => {
    const ids = Array.from({ length: 60 }, () => newId());
    const labels = ids.map((_, i) => (i < 8 ? 1 : 0));
    const held = chooseHeldOut(ids, labels, 0.2);
    const positives = ids.filter((id, i) => held.has(id) && labels[i] === 1).length;
    expect(positives).toBeGreaterThanOrEqual(Math.min(MIN_HELD_OUT_POSITIVES, 8));
    expect(held.size).toBeLessThan(ids.length / 2);
  });
});
