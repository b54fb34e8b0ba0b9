import type { ImportRejection } from '../../../contract/domains/import';
import { cutQuoted, shown } from './shown';

/** A problem as reported: values, column names and reasons cut to a readable length. */
export const rejection = (
  row: number | null,
  column: string | null,
  value: string | null,
  reason: string,
): ImportRejection => ({
  row,
  column: column === null ? null : shown(column),
  value: value === null ? null : shown(value),
  reason: cutQuoted(reason),
});

/** The report lists this many problems; the count covers them all. */
export const MAX_LISTED_PROBLEMS = 10_000;

/** Collects rejected rows as the user will read them: row, column, value and why. */
export class Rejections {
  readonly list: ImportRejection[] = [];
  readonly rows = new Set<number>();
  count = 0;

  /** Records one problem; the value, column and reason are cut so no cell is echoed whole. */
  add(row: number | null, column: string | null, value: string | null, reason: string): void {
    this.count++;
    if (row !== null) this.rows.add(row);
    if (this.list.length < MAX_LISTED_PROBLEMS)
      this.list.push(rejection(row, column, value, reason));
  }

  /**
   * Records again, against `row`, problems already found and cut for another row with the same
   * text (see kinds/field-check.ts): the same entries `add` would make for `row`.
   */
  replay(row: number, found: readonly ImportRejection[]): void {
    for (const f of found) {
      this.count++;
      this.rows.add(row);
      if (this.list.length < MAX_LISTED_PROBLEMS) this.list.push({ ...f, row });
    }
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
