/**
 * Remembers which (student, day) pairs a file has named and on which row, in numbers rather than
 * strings: a million-row register needs a million keys, and "uuid|date" strings cost about ten
 * times what a small-integer key does.
 */
export class AttendanceSeen {
  private readonly ordinals = new Map<string, number>();
  private readonly firstRow = new Map<number, number>();
  private readonly dayNumbers = new Map<string, number>();

  /** The row that already named this student on this day, or null (the pair is now `row`'s). */
  claim(studentId: string, date: string, row: number): number | null {
    let ordinal = this.ordinals.get(studentId);
    if (ordinal === undefined) {
      ordinal = this.ordinals.size;
      this.ordinals.set(studentId, ordinal);
    }
    let day = this.dayNumbers.get(date);
    if (day === undefined) {
      // Days since 1900-01-01: dates are checked to fall in 1900-2200, under 2^17 days.
      day = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(1900, 0, 1)) / 86_400_000);
      this.dayNumbers.set(date, day);
    }
    const key = ordinal * 131_072 + day;
    const earlier = this.firstRow.get(key);
    if (earlier !== undefined) return earlier;
    this.firstRow.set(key, row);
    return null;
  }
}
