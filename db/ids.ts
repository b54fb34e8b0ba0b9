import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;
// Random bytes drawn in bulk: one system call per 256 ids instead of one per id.
const POOL = 16 * 256;
let pool = Buffer.alloc(0);
let offset = POOL;

/** Two hex digits for every byte value. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The pool's byte at `i` in hex. */
const byteHex = (i: number): string => HEX[pool[i] as number] as string;

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
  // Written digit by digit from the pool: no Buffer per id (ids are made on every write).
  const at = random16();
  let ms = lastMs;
  let time = '';
  for (let i = 0; i < 6; i++) {
    time = (HEX[ms % 256] as string) + time;
    ms = Math.floor(ms / 256);
  }
  const variant = HEX[0x80 | ((pool[at + 8] as number) & 0x3f)] as string;
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-` +
    `${HEX[0x70 | (seq >> 8)] as string}${HEX[seq & 0xff] as string}-` +
    `${variant}${byteHex(at + 9)}-${byteHex(at + 10)}${byteHex(at + 11)}${byteHex(at + 12)}` +
    `${byteHex(at + 13)}${byteHex(at + 14)}${byteHex(at + 15)}`
  );
}
