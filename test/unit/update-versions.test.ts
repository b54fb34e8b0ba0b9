import { describe, expect, it } from 'vitest';
import { compareVersions, isNewer } from '../../main/backend/updates/version-order';

describe('version order', () => {
  it('orders by major, minor and patch as numbers, not text', () => {
    expect(isNewer('0.10.0', '0.9.9')).toBe(true);
    expect(isNewer('1.0.0', '0.99.99')).toBe(true);
    expect(isNewer('0.1.1', '0.1.0')).toBe(true);
  });

  it('never offers the same or an older version', () => {
    expect(isNewer('0.1.0', '0.1.0')).toBe(false);
    expect(isNewer('0.0.9', '0.1.0')).toBe(false);
    expect(isNewer('v0.1.0', '0.1.0')).toBe(false);
  });

  it('ranks a release above its prereleases, and prereleases among themselves', () => {
    expect(isNewer('1.0.0', '1.0.0-beta.2')).toBe(true);
    expect(isNewer('1.0.0-beta.2', '1.0.0')).toBe(false);
    expect(compareVersions('1.0.0-beta.10', '1.0.0-beta.2')).toBe(1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-beta')).toBe(-1);
    expect(compareVersions('1.0.0+build.5', '1.0.0')).toBe(0);
  });

  it('refuses what is not a version', () => {
    expect(() => isNewer('latest', '0.1.0')).toThrow(/"latest" is not a version number/);
  });
});
