import type { ImportRejection } from '../../../../contract/domains/import';
import { Rejections } from '../problems';
import type { SourceRow } from '../table';
import { RowReader, type KindContext } from './context';

/** What checking one field's text said: the value read, and the problems found (row aside). */
interface Verdict<T> {
  value: T;
  problems: readonly ImportRejection[];
}

/** Distinct texts remembered per field: a column of junk cannot grow the memory without end. */
const MAX_REMEMBERED = 65_536;

/**
 * One field's checks, run once per distinct text of its column instead of once per row: a
 * register repeats a thousand student numbers, two hundred dates and four marks across 200,000
 * rows, and what a field's checks find depends on its text alone. The problems found for a
 * text are recorded against every row that holds it (`RowReader.replay`), exactly as running
 * the checks on that row would record them. A field the mapping fills from a template (which
 * may name several cells or the row number) is checked row by row.
 */
export class FieldCheck<T> {
  private readonly verdicts = new Map<string, Verdict<T>>();
  /** The one verdict of a field whose text is the same on every row. */
  private constant: Verdict<T> | undefined;
  /** The field's column; -1 when its text is the same on every row (a constant, or unmapped). */
  private readonly index: number | null;
  private readonly width: number;

  constructor(
    private readonly ctx: KindContext,
    field: string,
    /** The field's checks, on a reader of the row: they read this field only. */
    private readonly check: (r: RowReader) => T,
  ) {
    const source = ctx.mapping.fields.get(field);
    this.index =
      !source || source.kind === 'constant' ? -1 : source.kind === 'column' ? source.index : null;
    this.width = ctx.table.header.length;
  }

  /** The field's value on the row `r` reads; its problems are recorded against that row. */
  read(r: RowReader): T {
    const verdict = this.verdictOn(r.row);
    r.replay(verdict.problems);
    return verdict.value;
  }

  private verdictOn(row: SourceRow): Verdict<T> {
    if (this.index === null) return this.run(row);
    if (this.index < 0) return (this.constant ??= this.run(row));
    const text = row.cells[this.index] ?? '';
    let verdict = this.verdicts.get(text);
    if (verdict === undefined) {
      verdict = this.run(row);
      if (this.verdicts.size < MAX_REMEMBERED) this.verdicts.set(text, verdict);
    }
    return verdict;
  }

  /** Runs the checks on `row` (its cells past the header left out: the row's own check). */
  private run(row: SourceRow): Verdict<T> {
    const found = new Rejections();
    const cells = row.cells.length > this.width ? row.cells.slice(0, this.width) : row.cells;
    const value = this.check(new RowReader({ ...this.ctx, rejections: found }, { ...row, cells }));
    return { value, problems: found.list };
  }
}
