import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost parameters; stored in every hash so they can be raised without a migration. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's scrypt setting of equal strength to N=2^17, p=1, using 32 MiB rather than 128 MiB:
 * school laptops often have little memory. About a quarter of a second per sign-in.
 */
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

const saltBytes = 16;
const keyBytes = 32;
// Bounds for parameters read back from the database, so a damaged row cannot ask for gigabytes.
const maxN = 2 ** 20;
const maxR = 32;
const maxP = 16;

function derive(password: string, salt: Buffer, length: number, params: ScryptParams) {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node refuses anything above 32 MiB by default; allow what these parameters need.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * Hashes a password with scrypt and a fresh random 16-byte salt, as
 * `scrypt$N$r$p$salt$hash` (salt and hash in base64). Runs off the main thread.
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = defaultScryptParams,
): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, keyBytes, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')]
    .map(String)
    .join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads a stored hash; null when it is not one this module wrote (or has been damaged). */
function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s ?? '') ? Number(s) : NaN));
  const [salt, key] = parts.slice(4).map((s) => (base64.test(s ?? '') ? s : undefined));
  if (N === undefined || r === undefined || p === undefined || !salt || !key) return null;
  if (!isPowerOfTwo(N) || N > maxN || !(r >= 1 && r <= maxR) || !(p >= 1 && p <= maxP)) return null;
  const parsed = {
    params: { N, r, p },
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  };
  // scrypt's output is a prefix of its longer output, so a shortened key would still match:
  // only the exact length this module writes is accepted.
  if (parsed.salt.length !== saltBytes || parsed.key.length !== keyBytes) return null;
  return parsed;
}

/**
 * True only when `password` is the one `stored` was made from. Compares in constant time; a
 * malformed or tampered hash never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when a hash was made with weaker parameters than today's, so it should be remade. */
export function needsRehash(stored: string, params: ScryptParams = defaultScryptParams): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const cost = (q: ScryptParams) => q.N * q.r * q.p;
  return parsed.params.N < params.N || cost(parsed.params) < cost(params);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a real check would, for sign-ins naming no account, so the answer's timing
 * does not tell which usernames exist.
 */
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword('beacon-no-such-account');
  await verifyPassword(password, await dummy);
}
