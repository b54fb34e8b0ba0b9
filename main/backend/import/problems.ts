import type { ImportRejection } from '../../../contract/domains/import';

/** The report lists this many problems; the count covers them all. */
export const MAX_LISTED_PROBLEMS = 10_000;

/** Collects rejected rows as the user will read them: row, column, value and why. */
export class Rejections {
  readonly list: ImportRejection[] = [];
  readonly rows = new Set<number>();
  count = 0;

  add(row: number | null, column: string | null, value: string | null, reason: string): void {
    this.count++;
    if (row !== null) this.rows.add(row);
    if (this.list.length < MAX_LISTED_PROBLEMS) this.list.push({ row, column, value, reason });
  }

  get any(): boolean {
    return this.count > 0;
  }
}

/**
 * Remembers the first row each natural key was seen on, so a second row with the same key is
 * refused naming both rows.
 */
export class KeySeen {
  private readonly first = new Map<string, number>();

  /** The earlier row with this key, or null (and the key is now taken by `row`). */
  claim(key: string, row: number): number | null {
    const earlier = this.first.get(key);
    if (earlier !== undefined) return earlier;
    this.first.set(key, row);
    return null;
  }
}
