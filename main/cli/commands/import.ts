import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  importKinds,
  MAX_IMPORT_BYTES,
  savedMappingInput,
  type ImportKind,
  type ImportMapping,
  type ImportOptions,
  type ImportReport,
} from '../../../contract/domains/import';
import { startBackend } from '../../backend/backend';
import { reportCsv, reportSummary } from '../../backend/import/report-csv';
import { defaultDatabasePath } from '../../backend/paths';
import { inProcessApi, systemSession } from '../../backend/transport/in-process';
import { UsageError, type Command, type Output } from '../command';
import { fileReason, isFileSystemError, writeFileWhole } from '../file-errors';

type Values = Record<string, string | boolean | undefined>;

const str = (v: Values, name: string): string | undefined =>
  typeof v[name] === 'string' ? (v[name] as string) : undefined;

/** The --kind flag, checked against the kinds import knows. */
export function kindFlag(values: Values): ImportKind {
  const kind = str(values, 'kind');
  if (!kind) throw new UsageError(`--kind is required (${importKinds.join(', ')}).`);
  if (!(importKinds as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${importKinds.join(', ')}, not "${kind}".`);
  }
  return kind as ImportKind;
}

const separators: Record<string, ImportOptions['separator']> = {
  ',': ',',
  ';': ';',
  '|': '|',
  tab: '\t',
  '\t': '\t',
  '\\t': '\t',
};

/** The --sep flag: , ; | or tab. */
export function separatorFlag(values: Values): ImportOptions['separator'] {
  const sep = str(values, 'sep');
  if (sep === undefined) return undefined;
  const s = separators[sep];
  if (!s) throw new UsageError(`--sep must be one of , ; | or tab, not "${sep}".`);
  return s;
}

function oneOf<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${v}".`);
  }
  return v as T;
}

/** --mapping: a JSON file when such a file exists, else the name of a saved mapping. */
function mappingFlag(
  values: Values,
  kind: ImportKind,
): { mapping?: ImportMapping; mappingName?: string } {
  const m = str(values, 'mapping');
  if (m === undefined) return {};
  if (!existsSync(m)) return { mappingName: m };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(m, 'utf8'));
  } catch (err) {
    throw new UsageError(`The mapping file ${m} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = savedMappingInput.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`);
    throw new UsageError(`The mapping file ${m} is not a Beacon mapping: ${why.join('; ')}`);
  }
  if (parsed.data.kind !== kind) {
    throw new UsageError(`The mapping file ${m} is for ${parsed.data.kind} files, not ${kind}.`);
  }
  const { kind: _kind, name: _name, ...mapping } = parsed.data;
  return { mapping };
}

/** Prints a report the way a person reads it: the counts, or every rejected row. */
export function printReport(report: ImportReport, out: Output): void {
  const lines = reportSummary(report);
  if (report.outcome !== 'refused') {
    for (const l of lines) out.log(l);
    return;
  }
  for (const l of lines) out.error(l);
  for (const r of report.rejections) {
    const where = [
      r.row === null ? 'file' : `row ${r.row}`,
      r.column ? `column "${r.column}"` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const value = r.value !== null && r.value !== '' ? ` (value "${r.value}")` : '';
    out.error(`  ${where}: ${r.reason}${value}`);
  }
  if (report.problems > report.rejections.length) {
    out.error(`  ... and ${report.problems - report.rejections.length} more problems.`);
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a CSV or XLSX file of students, attendance, marks or incidents (all or nothing)',
  usage:
    'beacon import --db PATH --kind students|attendance|marks|incidents FILE [--mapping FILE|NAME] ' +
    '[--dry-run] [--date-order dmy|mdy|ymd] [--sep ";"] [--encoding utf8|latin1] ' +
    '[--layout long|wide] [--sheet NAME] [--report FILE] [--save-mapping NAME] [--json]',
  options: {
    db: { type: 'string' },
    kind: { type: 'string' },
    mapping: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'date-order': { type: 'string' },
    sep: { type: 'string' },
    encoding: { type: 'string' },
    layout: { type: 'string' },
    sheet: { type: 'string' },
    report: { type: 'string' },
    'save-mapping': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, out) {
    const kind = kindFlag(values);
    if (positionals.length !== 1) {
      throw new UsageError('Name exactly one file to import.');
    }
    const path = positionals[0] as string;
    const options: ImportOptions = {};
    const separator = separatorFlag(values);
    if (separator) options.separator = separator;
    const dateOrder = oneOf(values, 'date-order', ['dmy', 'mdy', 'ymd'] as const);
    if (dateOrder) options.dateOrder = dateOrder;
    const encoding = oneOf(values, 'encoding', ['utf8', 'latin1'] as const);
    if (encoding) options.encoding = encoding;
    const layout = oneOf(values, 'layout', ['long', 'wide'] as const);
    if (layout) options.layout = layout;
    const sheet = str(values, 'sheet');
    if (sheet) options.sheet = /^\d+$/.test(sheet) ? Number(sheet) : sheet;
    const mapping = mappingFlag(values, kind);

    let size: number;
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) {
        out.error(`Cannot read ${path}: it is a folder, not a file.`);
        return 1;
      }
      size = stat.size;
    } catch (err) {
      out.error(
        `Cannot read ${path}: ${isFileSystemError(err) ? fileReason(err) : 'no such file'}.`,
      );
      return 1;
    }
    if (size > MAX_IMPORT_BYTES) {
      out.error(
        `${path} is ${size} bytes, over the ${MAX_IMPORT_BYTES}-byte import limit: split it.`,
      );
      return 1;
    }
    const bytes = readFileSync(path);
    const dbPath = str(values, 'db') ?? defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const api = inProcessApi(backend, systemSession);
      const request = {
        kind,
        // A view of the file's own buffer: a copy would cost the file's size again.
        file: {
          name: basename(path),
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        },
        ...mapping,
        ...(Object.keys(options).length ? { options } : {}),
      };
      const result = values['dry-run']
        ? await api.dryRunImport(request)
        : await api.runImport(request);
      if (!result.ok) {
        out.error(result.message);
        return 1;
      }
      const report = result.value;
      const reportPath = str(values, 'report');
      if (reportPath) writeFileWhole(reportPath, reportCsv(report));
      if (values.json) out.log(JSON.stringify(report));
      else printReport(report, out);
      if (report.outcome === 'refused') return 1;
      const saveAs = str(values, 'save-mapping');
      if (saveAs) {
        const saved = await api.saveImportMapping({ name: saveAs, kind, mapping: report.mapping });
        if (!saved.ok) {
          out.error(saved.message);
          return 1;
        }
        if (!values.json) out.log(`Saved the mapping as "${saveAs}".`);
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
