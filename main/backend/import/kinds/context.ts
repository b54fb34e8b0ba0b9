import type {
  ImportCounts,
  ImportOptions,
  ImportRejection,
} from '../../../../contract/domains/import';
import { unsafeCharacter } from '../../../../contract/text-safety';
import type { Db } from '../../../../db';
import { dateProblem, type DateBounds } from '../../services/date-bounds';
import { parseDate, type DateOrder, type Parsed } from '../dates';
import { fieldColumn, fieldText, type ResolvedMapping } from '../mapping';
import { memo } from '../memo';
import type { Rejections } from '../problems';
import type { KnownStudent, SchoolLookup } from '../school-lookup';
import type { SourceRow, SourceTable } from '../table';
import type { Actor } from '../table-writer';
import { cleanText } from '../values';

/** Fields that may hold several lines of text; every other text field is a name or a label. */
const freeTextFields = new Set(['note', 'description', 'action_taken']);

/** Everything a kind's validator and writer share for one file. */
export interface KindContext {
  db: Db;
  actor: Actor;
  /** Today in the school's calendar (YYYY-MM-DD). */
  today: string;
  table: SourceTable;
  mapping: ResolvedMapping;
  options: ImportOptions;
  lookup: SchoolLookup;
  rejections: Rejections;
  /** The dates the school accepts (see services/date-bounds.ts). */
  dateBounds: DateBounds;
  /** Dates in the file's order, remembered per distinct text. */
  parseDate: (text: string) => Parsed<string>;
}

/** A date parser for the file's date order that remembers each distinct text. */
export const fileDateParser = (order: DateOrder | undefined) =>
  memo((text: string) => parseDate(text, order));

/** What a kind wrote: per-table counts, and the students whose features must be recomputed. */
export interface KindResult {
  tables: Record<string, ImportCounts>;
  touched: Set<string>;
}

/**
 * One row's fields, read and checked one at a time; every problem is recorded against the row
 * and the column the user sees, and `ok` tells whether the row is still fit to import.
 */
export class RowReader {
  ok = true;

  constructor(
    private readonly ctx: KindContext,
    readonly row: SourceRow,
  ) {
    const width = ctx.table.header.length;
    // Most rows are no wider than the header: no copy of their cells to find nothing.
    const extra =
      row.cells.length > width ? row.cells.slice(width).filter((c) => c.trim() !== '') : [];
    if (extra.length > 0) {
      this.rejectRow(
        `the row has ${row.cells.length} values but the header names ${width} columns (extra: ${extra
          .slice(0, 3)
          .map((c) => JSON.stringify(c))
          .join(', ')}); a separator inside an unquoted value splits it`,
      );
    }
  }

  /** The field's text: undefined when the field is not mapped, '' when the cell is empty. */
  text(field: string): string | undefined {
    return fieldText(this.ctx.mapping, this.row, field);
  }

  has(field: string): boolean {
    return this.ctx.mapping.fields.has(field);
  }

  reject(field: string | null, reason: string, value?: string): void {
    this.ok = false;
    const column = field === null ? null : fieldColumn(this.ctx.mapping, field);
    const shown = value ?? (field === null ? undefined : this.text(field));
    this.ctx.rejections.add(this.row.row, column, shown === undefined ? null : shown, reason);
  }

  /** Records problems a field check found for this row's text (see field-check.ts). */
  replay(found: readonly ImportRejection[]): void {
    if (found.length === 0) return;
    this.ok = false;
    this.ctx.rejections.replay(this.row.row, found);
  }

  rejectRow(reason: string): void {
    this.ok = false;
    this.ctx.rejections.add(this.row.row, null, null, reason);
  }

  /** Trimmed text that must be present; null (and the row rejected) when empty or unsafe. */
  required(field: string, what = field.replace(/_/g, ' ')): string | null {
    const t = cleanText(this.text(field) ?? '') ?? '';
    if (t === '') {
      this.reject(field, `${what} is empty`);
      return null;
    }
    return this.safe(field, t);
  }

  /** Optional text as stored: null when empty, undefined when unmapped; refuses a novel. */
  optionalText(field: string, max = 500): string | null | undefined {
    const t = this.text(field);
    if (t === undefined) return undefined;
    const v = cleanText(t);
    if (v !== null && v.length > max) {
      this.reject(field, `is longer than ${max} characters`);
      return null;
    }
    return v === null ? null : this.safe(field, v);
  }

  /**
   * `text` when it holds no control character or bidirectional override (line breaks only in
   * free text such as notes); else null, with the row rejected.
   */
  safe(field: string, text: string): string | null {
    const unsafe = unsafeCharacter(text, freeTextFields.has(field));
    if (unsafe === null) return text;
    this.reject(field, unsafe);
    return null;
  }

  /** An optional value parsed by `parse`: undefined when unmapped, null when empty. */
  parsed<T>(field: string, parse: (t: string) => Parsed<T>): T | null | undefined {
    const t = this.text(field);
    if (t === undefined) return undefined;
    if (t.trim() === '') return null;
    const p = parse(t);
    if (!p.ok) {
      this.reject(field, p.reason);
      return null;
    }
    return p.value;
  }

  /**
   * A date in the file's date order: undefined when unmapped, null when empty or wrong. A date
   * that cannot be (the future beyond the school's margin, a birth after today, before the
   * floor) is wrong, by the same rule the services apply.
   */
  date(field: string): string | null | undefined {
    const date = this.parsed(field, this.ctx.parseDate);
    if (!date) return date;
    const kind = field === 'date_of_birth' ? 'birth' : 'record';
    const problem = dateProblem(date, kind, this.ctx.dateBounds);
    if (problem) {
      this.reject(field, `${date} ${problem}`);
      return null;
    }
    return date;
  }

  /** The student the row names by number; rejects a number the school does not have. */
  student(): KnownStudent | null {
    const number = this.required('student_number');
    if (number === null) return null;
    const known = this.ctx.lookup.studentsByNumber().get(number);
    if (!known || known.deleted) {
      this.reject(
        'student_number',
        `no student with number ${number} in this school: import the students first`,
      );
      return null;
    }
    return known;
  }
}

/** A fresh ImportCounts. */
export const zeroCounts = (): ImportCounts => ({ created: 0, changed: 0, unchanged: 0 });
