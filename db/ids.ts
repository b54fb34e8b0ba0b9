import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;
// Random bytes drawn in bulk: one system call per 256 ids instead of one per id.
const POOL = 16 * 256;
let pool = Buffer.alloc(0);
let offset = POOL;

/** Two ASCII hex digits for every byte value: byte b's at 2b and 2b + 1. */
const HEX = Buffer.from(
  Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')).join(''),
  'latin1',
);

/** The id being written, hyphens in place: one string is made from it per id. */
const id = Buffer.alloc(36, '-');

/**
 * Where the time's bytes go, least significant first: 48 bits of milliseconds, most significant
 * byte first, with a hyphen after the fourth byte.
 */
const TIME_AT = [11, 9, 6, 4, 2, 0] as const;

/** Writes `byte` in hex at `at` in the id. */
function putHex(at: number, byte: number): void {
  id[at] = HEX[2 * byte] as number;
  id[at + 1] = HEX[2 * byte + 1] as number;
}

/** The next 16 random bytes' offset in `pool`, refilling it when spent. */
function random16(): number {
  if (offset >= pool.length) {
    pool = randomBytes(POOL);
    offset = 0;
  }
  const at = offset;
  offset += 16;
  return at;
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then randomness. Ids made on one laptop sort
 * by creation time, which keeps B-tree inserts local; a 12-bit counter keeps them ordered within
 * one millisecond.
 */
export function newId(now = Date.now()): string {
  if (now <= lastMs) {
    seq += 1;
    if (seq > 0xfff) {
      // Counter exhausted within one millisecond: borrow the next millisecond.
      lastMs += 1;
      seq = 0;
    }
  } else {
    lastMs = now;
    seq = 0;
  }
  // Written byte by byte into one buffer and read out as one string: ids are made on every
  // write, and building one from small strings made a dozen of them per id.
  const at = random16();
  let ms = lastMs;
  for (const to of TIME_AT) {
    putHex(to, ms % 256);
    ms = Math.floor(ms / 256);
  }
  putHex(14, 0x70 | (seq >> 8));
  putHex(16, seq & 0xff);
  putHex(19, 0x80 | ((pool[at + 8] as number) & 0x3f));
  putHex(21, pool[at + 9] as number);
  for (let k = 0; k < 6; k++) putHex(24 + 2 * k, pool[at + 10 + k] as number);
  return id.toString('latin1', 0, 36);
}
