/**
 * A hybrid logical clock packed into one safe integer: milliseconds since the epoch times 1024
 * plus a counter. It never goes backwards on this laptop, even when the wall clock does, and it
 * stays comparable with the clocks of other schools' laptops. 1024 steps per millisecond keep it a
 * safe integer until the year 2248.
 */
const COUNTER = 1024;
let last = 0;

export function nextVersion(seen = 0, now = Date.now()): number {
  const wall = now * COUNTER;
  last = Math.max(last + 1, wall, seen + 1);
  return last;
}

/**
 * The first of `count` consecutive clock values, all newer than any given before: a bulk writer
 * stamps many new rows at once (first, first + 1, ...) as `count` calls of `nextVersion` would.
 */
export function reserveVersions(count: number, now = Date.now()): number {
  const first = nextVersion(0, now);
  last = first + Math.max(count, 1) - 1;
  return first;
}

/** The wall-clock milliseconds a version was stamped at. */
export const versionTime = (version: number): number => Math.floor(version / COUNTER);
