import { describe, expect, it } from 'vitest';
import { nextVersion, reserveVersions, versionTime } from '../../db/clock';

describe('nextVersion (hybrid logical clock)', () => {
  it('never goes backwards when the wall clock does', () => {
    const a = nextVersion(0, 2_000_000_000_000);
    const b = nextVersion(0, 1_000_000_000_000);
    expect(b).toBeGreaterThan(a);
  });

  it('moves past a version seen from elsewhere', () => {
    const seen = nextVersion(0, 2_100_000_000_000) + 500;
    expect(nextVersion(seen, 1)).toBeGreaterThan(seen);
  });

  it('keeps the wall-clock time readable and stays a safe integer', () => {
    const now = 2_200_000_000_000;
    const v = nextVersion(0, now);
    expect(versionTime(v)).toBe(now);
    expect(Number.isSafeInteger(v)).toBe(true);
  });

  it('reserves a block of consecutive versions that later ones never reuse', () => {
    const before = nextVersion(0, 2_300_000_000_000);
    const first = reserveVersions(100, 1);
    expect(first).toBeGreaterThan(before);
    expect(nextVersion(0, 1)).toBe(first + 100);
  });
});
