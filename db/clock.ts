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

/** The wall-clock milliseconds a version was stamped at. */
export const versionTime = (version: number): number => Math.floor(version / COUNTER);
