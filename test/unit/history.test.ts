import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../db/history';
import { BeaconError } from '../../db/errors';

const known = ['0001-a', '0002-b', '0003-c'];

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof BeaconError ? err.code : 'not a BeaconError';
  }
}

describe('checkHistory', () => {
  it('accepts a new database and any prefix of the known list', () => {
    expect(codeOf(() => checkHistory([], known))).toBeUndefined();
    expect(codeOf(() => checkHistory(['0001-a', '0002-b'], known))).toBeUndefined();
    expect(codeOf(() => checkHistory(known, known))).toBeUndefined();
  });

  it('refuses a database written by a newer Beacon, naming its schema', () => {
    expect(() => checkHistory([...known, '0004-d'], known)).toThrow(
      'This database was written by a newer version of Beacon (schema 4); install the newer version.',
    );
  });

  it('refuses a history that diverged from the code', () => {
    expect(codeOf(() => checkHistory(['0001-a', '0003-c'], known))).toBe('DATABASE_DIVERGED');
    expect(codeOf(() => checkHistory(['0002-b'], known))).toBe('DATABASE_DIVERGED');
  });

  it('calls an unknown name in the middle newer, not diverged', () => {
    expect(codeOf(() => checkHistory(['0001-a', '0002-x'], known))).toBe('DATABASE_NEWER');
  });
});
