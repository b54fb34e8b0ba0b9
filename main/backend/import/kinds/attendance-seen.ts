/**
 * Remembers which (student, day) pairs a file has named and on which row, in typed arrays rather
 * than a Map of strings: a million-row register needs a million keys, and a Map of "uuid|date"
 * strings costs about ten times what an open-addressing table of integers does (8 bytes a slot).
 */
/** Days from 1900-01-01 to 1970-01-01. */
const DAYS_1900_TO_1970 = 25_567;

export class AttendanceSeen {
  private readonly ordinals = new Map<string, number>();
  private readonly dayNumbers = new Map<string, number>();
  /** Keys (student ordinal x 2^17 + day, plus one; 0 is an empty slot) and their first rows. */
  private keys: Float64Array;
  private rows: Int32Array;
  /** log2 of the table's length. */
  private bits: number;
  private size = 0;

  /**
   * Sized for `expected` pairs (a file's row count) at once: growing a table of 200,000 pairs
   * step by step rehashed 400,000 keys (profiled: a tenth of the import's checking).
   */
  constructor(expected = 0) {
    this.bits = Math.max(16, Math.ceil(Math.log2(Math.max(expected, 1) * 2)));
    this.keys = new Float64Array(1 << this.bits);
    this.rows = new Int32Array(1 << this.bits);
  }

  /** The row that already named this student on this day, or null (the pair is now `row`'s). */
  claim(studentId: string, date: string, row: number): number | null {
    let ordinal = this.ordinals.get(studentId);
    if (ordinal === undefined) {
      ordinal = this.ordinals.size;
      this.ordinals.set(studentId, ordinal);
    }
    let day = this.dayNumbers.get(date);
    if (day === undefined) {
      day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
      this.dayNumbers.set(date, day);
    }
    return this.claimDay(ordinal, day, row);
  }

  /**
   * `claim` for a caller that numbers its students itself (0, 1, 2... each student always the
   * same number, never `claim`'s own numbering mixed in) and has the day as days since
   * 1970-01-01.
   */
  claimDay(ordinal: number, day: number, row: number): number | null {
    // Days since 1900-01-01: dates are checked to fall in 1900-2200, under 2^17 days.
    const key = ordinal * 131_072 + day + DAYS_1900_TO_1970 + 1;
    const slot = this.find(key);
    if (this.keys[slot] === key) return this.rows[slot] as number;
    this.keys[slot] = key;
    this.rows[slot] = row;
    if (++this.size * 2 > this.keys.length) this.grow();
    return null;
  }

  /** The slot holding `key`, or the empty slot where it belongs (linear probing). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    // The top bits of a multiplicative hash of the key's two halves: the low bits of a product
    // depend only on the low bits of the key (the day), which sent every student's same day to
    // one cluster of slots (profiled: half the import's checking time went on probing).
    const mixed = Math.imul((key | 0) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b), 0x9e3779b1);
    let slot = (mixed >>> (32 - this.bits)) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    this.bits++;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key === 0) continue;
      const slot = this.find(key);
      this.keys[slot] = key;
      this.rows[slot] = rows[i] as number;
    }
  }
}
