import type { ImportOptions } from '../../../contract/domains/import';
import { inferDateOrder, type DateOrderGuess } from './dates';
import { fieldText, type ResolvedMapping } from './mapping';
import type { SourceTable } from './table';

/** The fields that hold dates in a row (wide registers carry theirs in the header instead). */
const dateFields = ['date', 'date_of_birth', 'entry_date'] as const;

/**
 * The date order a file's rows use: the one the user named, else the one every date in the
 * mapped date columns fits (from the column's distinct texts when the reader kept them, else one
 * walk over the rows). A file with only ISO dates needs none.
 */
export function fileDateOrder(
  table: SourceTable,
  mapping: ResolvedMapping,
  options: ImportOptions,
): DateOrderGuess {
  if (options.dateOrder) return { order: options.dateOrder };
  const fields = dateFields.filter((f) => mapping.fields.has(f));
  if (fields.length === 0) return {};
  // One date column: its distinct texts in the order first met read the same as every row's
  // (inferDateOrder looks at each text once, in that order), without walking the rows again.
  const source = fields.length === 1 ? mapping.fields.get(fields[0] as string) : undefined;
  const distinct = source?.kind === 'column' ? (table.distinctTexts?.(source.index) ?? null) : null;
  if (distinct) return inferDateOrder(distinct);
  function* texts() {
    for (const row of table.rows) {
      for (const f of fields) yield fieldText(mapping, row, f) ?? '';
    }
  }
  return inferDateOrder(texts());
}
