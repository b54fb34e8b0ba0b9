import type {
  FieldSource,
  ImportKind,
  ImportMapping,
  ImportOptions,
  MarkColumn,
} from '../../../contract/domains/import';
import { inferDateOrder, parseDate } from './dates';
import { fieldDefs } from './fields';
import { normaliseName } from './normalise';
import type { SourceRow, SourceTable } from './table';

type TemplatePart = { text: string } | { row: true } | { column: number };

export type ResolvedSource =
  | { kind: 'column'; index: number; name: string }
  | { kind: 'constant'; value: string }
  | { kind: 'template'; parts: TemplatePart[]; text: string };

export interface ResolvedMarkColumn extends MarkColumn {
  index: number;
}

/** The mapping applied to one file: every field's source, ready to read rows with. */
export interface ResolvedMapping {
  kind: ImportKind;
  layout: 'long' | 'wide';
  fields: Map<string, ResolvedSource>;
  marks: ResolvedMarkColumn[];
  /** Wide attendance: the columns whose headers are dates. */
  dateColumns: { index: number; name: string; date: string }[];
  unmappedColumns: string[];
  /** What stops the file being imported at all (a required field with no column, say). */
  problems: string[];
  /** The mapping as applied, in the contract's shape, to show, save and reuse. */
  applied: ImportMapping;
}

/** Finds a header column by its exact name, else by its normalised name. */
function findColumn(header: string[], name: string): number {
  const exact = header.indexOf(name.trim());
  if (exact >= 0) return exact;
  const n = normaliseName(name);
  return n === '' ? -1 : header.findIndex((h) => normaliseName(h) === n);
}

function parseTemplate(
  template: string,
  header: string[],
  problems: string[],
  field: string,
  used: Set<number>,
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const re = /\{([^{}]+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    const name = m[1] as string;
    if (name === 'row') parts.push({ row: true });
    else {
      const index = findColumn(header, name);
      if (index < 0) {
        problems.push(
          `The template "${template}" for ${field} names the column "${name}", which the file does not have.`,
        );
      }
      used.add(index);
      parts.push({ column: index });
    }
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** A header that is a date in some order: 2025-09-15, 15/09/2025, 15.9.2025. */
const DATE_LIKE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(T00:00(:00(\.0+)?)?Z?)?$/;

const columnsList = (header: string[]) => header.map((h) => `"${h}"`).join(', ');

/**
 * Resolves a mapping against a file's header: explicit entries first, then every other field
 * matched by name (case, accents, spaces and punctuation ignored; English and Portuguese
 * synonyms). A column feeds at most one field.
 */
export function resolveMapping(
  kind: ImportKind,
  table: SourceTable,
  mapping: ImportMapping,
  options: ImportOptions,
): ResolvedMapping {
  const { header } = table;
  const problems: string[] = [];
  const fields = new Map<string, ResolvedSource>();
  const used = new Set<number>();
  const explicit = mapping.fields ?? {};
  const defs = fieldDefs(kind);

  const marks: ResolvedMarkColumn[] = [];
  for (const m of mapping.marks ?? []) {
    const index = findColumn(header, m.column);
    if (index < 0) {
      problems.push(
        `The mapping reads marks from the column "${m.column}", which the file does not have (columns: ${columnsList(header)}).`,
      );
      continue;
    }
    used.add(index);
    marks.push({ ...m, index });
  }

  for (const [field, source] of Object.entries(explicit) as [string, FieldSource][]) {
    if (source === null) continue;
    if (typeof source === 'string') {
      const index = findColumn(header, source);
      if (index < 0) {
        problems.push(
          `The mapping reads ${field} from the column "${source}", which the file does not have (columns: ${columnsList(header)}).`,
        );
        continue;
      }
      used.add(index);
      fields.set(field, { kind: 'column', index, name: header[index] as string });
    } else if ('constant' in source) {
      fields.set(field, { kind: 'constant', value: source.constant });
    } else {
      const parts = parseTemplate(source.template, header, problems, field, used);
      fields.set(field, { kind: 'template', parts, text: source.template });
    }
  }

  const normalised = header.map(normaliseName);
  for (const def of defs) {
    if (def.field in explicit) continue;
    const wanted = def.synonyms.map(normaliseName);
    let best = -1;
    let bestRank = Infinity;
    normalised.forEach((n, index) => {
      if (used.has(index) || n === '') return;
      const rank = wanted.indexOf(n);
      if (rank >= 0 && rank < bestRank) [best, bestRank] = [index, rank];
    });
    if (best >= 0) {
      used.add(best);
      fields.set(def.field, { kind: 'column', index: best, name: header[best] as string });
    }
  }

  let layout: 'long' | 'wide' = 'long';
  const dateColumns: ResolvedMapping['dateColumns'] = [];
  if (kind === 'attendance') {
    const looksDated = (name: string) => DATE_LIKE.test(name.trim());
    const looksWide =
      !fields.has('date') &&
      !fields.has('status') &&
      header.some((h, i) => !used.has(i) && looksDated(h));
    layout = options.layout ?? (looksWide ? 'wide' : 'long');
    if (layout === 'wide') {
      for (const f of ['date', 'status', 'minutes_late', 'note'] as const) fields.delete(f);
      const guess = options.dateOrder
        ? { order: options.dateOrder }
        : inferDateOrder(header.filter((h, i) => !used.has(i) && looksDated(h)));
      if (guess.problem) problems.push(guess.problem);
      header.forEach((name, index) => {
        if (used.has(index) || name === '') return;
        const d = parseDate(name, guess.order);
        if (d.ok) {
          used.add(index);
          dateColumns.push({ index, name, date: d.value });
        } else if (looksDated(name) && !guess.problem) {
          problems.push(`The column "${name}" looks like a date but cannot be read: ${d.reason}.`);
        }
      });
      if (dateColumns.length === 0 && problems.length === 0) {
        problems.push(
          `No column is a date, so this is not a register with one column per day (columns: ${columnsList(header)}).`,
        );
      }
    }
  }

  for (const def of defs) {
    if (!def.required || fields.has(def.field)) continue;
    if (layout === 'wide' && (def.field === 'date' || def.field === 'status')) continue;
    if (kind === 'marks' && def.field !== 'student_number' && marks.length > 0) continue;
    problems.push(
      `No column for ${def.field.replace(/_/g, ' ')}, which a file of ${kind} needs. The file's columns are ${columnsList(header)}: name the right one in the mapping, e.g. "fields": { "${def.field}": "${header[0] ?? 'Column'}" }.`,
    );
  }
  if (kind === 'students') {
    const hasName =
      fields.has('full_name') || (fields.has('first_name') && fields.has('last_name'));
    if (!hasName && problems.length === 0) {
      problems.push(
        `No columns for the students' names: map first_name and last_name, or full_name (columns: ${columnsList(header)}).`,
      );
    }
    if (fields.has('age') && !options.ageAsOf) {
      problems.push(
        'An age column needs the date the ages were true on (options.ageAsOf) to give an approximate date of birth.',
      );
    }
    if (fields.has('absences') && !options.summaryPeriod && !fields.has('school_year')) {
      problems.push(
        'An absences column needs the period it covers: set options.summaryPeriod (e.g. "2025-2026") or map school_year.',
      );
    }
  }

  const appliedFields: Record<string, FieldSource> = {};
  for (const def of defs) {
    const s = fields.get(def.field);
    if (s) {
      appliedFields[def.field] =
        s.kind === 'column'
          ? s.name
          : s.kind === 'constant'
            ? { constant: s.value }
            : { template: s.text };
    } else if (explicit[def.field] === null) appliedFields[def.field] = null;
  }
  const applied: ImportMapping = { fields: appliedFields };
  if (marks.length) applied.marks = marks.map(({ index: _index, ...m }) => m);
  const appliedOptions: ImportOptions = { ...options };
  if (kind === 'attendance') appliedOptions.layout = layout;
  if (layout === 'wide' && !options.dateOrder && dateColumns.length > 0) {
    const order = inferDateOrder(dateColumns.map((c) => c.name)).order;
    if (order) appliedOptions.dateOrder = order;
  }
  if (Object.keys(appliedOptions).length) applied.options = appliedOptions;

  return {
    kind,
    layout,
    fields,
    marks,
    dateColumns,
    unmappedColumns: header.filter((h, i) => !used.has(i) && h !== ''),
    problems,
    applied,
  };
}

/** A field's raw text on a row: undefined when unmapped, '' when the cell is empty. */
export function fieldText(
  mapping: ResolvedMapping,
  row: SourceRow,
  field: string,
): string | undefined {
  const source = mapping.fields.get(field);
  if (!source) return undefined;
  if (source.kind === 'column') return row.cells[source.index] ?? '';
  if (source.kind === 'constant') return source.value;
  return source.parts
    .map((p) =>
      'text' in p ? p.text : 'row' in p ? String(row.row) : (row.cells[p.column]?.trim() ?? ''),
    )
    .join('');
}

/** How a field's source is named in the report's column: the header, or the constant/template. */
export function fieldColumn(mapping: ResolvedMapping, field: string): string {
  const source = mapping.fields.get(field);
  if (!source) return field;
  if (source.kind === 'column') return source.name;
  return source.kind === 'constant' ? `${field} (constant)` : `${field} (${source.text})`;
}
