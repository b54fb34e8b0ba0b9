import type { ImportPreview, ImportRejection } from '../../../contract/domains/import';
import type { Db } from '../../../db';
import { fieldDefs } from './fields';
import { fieldColumn, resolveMapping } from './mapping';
import { effectiveMapping, type ImportInput } from './run-import';
import { rejection } from './problems';
import { fileFormat, readSource } from './source';
import { FileProblem, type SourceRow } from './table';

const SAMPLE_ROWS = 10;

/** The first `count` rows, without walking the rest. */
function firstRows(rows: Iterable<SourceRow>, count: number): SourceRow[] {
  const out: SourceRow[] = [];
  if (count <= 0) return out;
  for (const r of rows) {
    out.push({ row: r.row, cells: r.cells });
    if (out.length >= count) break;
  }
  return out;
}

/**
 * The first rows of a file as parsed and the mapping that would apply (automatic matches plus
 * the saved and given entries), for the user to check before a dry run. Writes nothing.
 */
export async function previewImport(
  db: Db,
  schoolId: string,
  input: ImportInput,
): Promise<ImportPreview> {
  const mapping = effectiveMapping(db, schoolId, input);
  const options = mapping.options ?? {};
  const empty: ImportPreview = {
    kind: input.kind,
    fileName: input.file.name,
    format: fileFormat(input.file),
    layout: options.layout ?? 'long',
    separator: null,
    columns: [],
    dataRows: 0,
    sample: [],
    mapping,
    fields: fieldDefs(input.kind).map((d) => ({
      field: d.field,
      required: d.required,
      source: null,
    })),
    unmappedColumns: [],
    dateColumns: [],
    problems: [],
  };
  let table;
  try {
    table = await readSource(input.file, options);
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    return {
      ...empty,
      problems: [rejection(err.row, err.column, null, err.message)],
    };
  }
  const resolved = resolveMapping(input.kind, table, mapping, options);
  const problems: ImportRejection[] = resolved.problems.map((reason) =>
    rejection(null, null, null, reason),
  );
  if (table.dataRows === 0) {
    problems.push(rejection(null, null, null, 'The file has a header row but no data rows.'));
  }
  return {
    ...empty,
    format: table.format,
    layout: resolved.layout,
    separator: table.separator,
    columns: table.header,
    dataRows: table.dataRows,
    sample: firstRows(table.rows, SAMPLE_ROWS),
    mapping: resolved.applied,
    fields: fieldDefs(input.kind)
      .filter(
        (d) =>
          resolved.layout === 'long' ||
          !['date', 'status', 'minutes_late', 'note'].includes(d.field),
      )
      .map((d) => ({
        field: d.field,
        required: d.required,
        source: resolved.fields.has(d.field) ? fieldColumn(resolved, d.field) : null,
      })),
    unmappedColumns: resolved.unmappedColumns,
    dateColumns: resolved.dateColumns.map((c) => c.name),
    problems,
  };
}
