import { describe, expect, it } from 'vitest';
import {
  defaultScryptParams,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../main/backend/auth/password';
import { assertPasswordRules } from '../../main/backend/auth/password-rules';

const cheap = { N: 1024, r: 8, p: 1 };

/** Replaces one base64 character of a hash part with a different one. */
function flip(hash: string, part: 4 | 5): string {
  const parts = hash.split('$');
  const text = parts[part] ?? '';
  parts[part] = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
  return parts.join('$');
}

describe('password hashing', () => {
  it('stores the algorithm, its parameters, a 16-byte salt and the key', async () => {
    const hash = await hashPassword('correct horse battery');
    const [name, N, r, p, salt, key] = hash.split('$');
    expect([name, Number(N), Number(r), Number(p)]).toEqual([
      'scrypt',
      defaultScryptParams.N,
      defaultScryptParams.r,
      defaultScryptParams.p,
    ]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
    expect(hash).not.toContain('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  });

  it('accepts only the password a hash was made from', async () => {
    const hash = await hashPassword('correct horse battery', cheap);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('correct horse battery ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password here', cheap),
      hashPassword('same password here', cheap),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('treats the composed and decomposed forms of an accented password as one', async () => {
    const hash = await hashPassword('Conceição 2025', cheap);
    expect(await verifyPassword('Conceic\u0327a\u0303o 2025', hash)).toBe(true);
  });

  it('detects a tampered key, salt or parameter', async () => {
    const hash = await hashPassword('correct horse battery', cheap);
    expect(await verifyPassword('correct horse battery', flip(hash, 5))).toBe(false);
    expect(await verifyPassword('correct horse battery', flip(hash, 4))).toBe(false);
    const lowered = hash.replace('$1024$', '$512$');
    expect(lowered).not.toBe(hash);
    expect(await verifyPassword('correct horse battery', lowered)).toBe(false);
    const truncated = hash.slice(0, -8);
    expect(await verifyPassword('correct horse battery', truncated)).toBe(false);
  });

  it('never matches a malformed or hostile hash string', async () => {
    const huge = 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5';
    for (const stored of [
      '',
      'plain text password',
      'bcrypt$10$x$y$z$w',
      'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5', // N not 2^k
      huge, // would need a terabyte of memory
      'scrypt$1024$8$1$not base64!$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5',
      'scrypt$1024$8$1$c2FsdA==$a2V5', // salt and key too short
    ]) {
      expect(await verifyPassword('anything', stored), stored).toBe(false);
    }
  });

  it('asks for a new hash when the parameters were weaker than today', async () => {
    expect(needsRehash(await hashPassword('correct horse battery', cheap))).toBe(true);
    expect(needsRehash(await hashPassword('correct horse battery'))).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('password rules', () => {
  const rule = (password: string, username = 'tess') => {
    try {
      assertPasswordRules(password, username, 'password');
      return null;
    } catch (err) {
      return err as { code: string; message: string; details: unknown };
    }
  };

  it('accepts a password of ten characters or more', () => {
    expect(rule('0123456789')).toBeNull();
    expect(rule('a long passphrase with spaces')).toBeNull();
  });

  it('refuses short, blank and username passwords with a clear message per field', () => {
    expect(rule('123456789')).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The password must be at least 10 characters long.',
      details: [{ path: ['password'], message: 'must be at least 10 characters long' }],
    });
    expect(rule(' '.repeat(12))?.message).toBe(
      'The password must contain something other than spaces.',
    );
    expect(rule('x'.repeat(201))?.message).toBe(
      'The password must be at most 200 characters long.',
    );
    expect(rule('Tess.Teacher', 'tess.teacher')?.message).toBe(
      'The password must not be the same as the username.',
    );
  });
});
