import { extname } from 'node:path';
import { exportKinds, type ExportKind } from '../../../contract/domains/import';
import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { inProcessApi, systemSession } from '../../backend/transport/in-process';
import { UsageError, type Command } from '../command';
import { writeFileWhole } from '../file-errors';
import { separatorFlag } from './import';

type Values = Record<string, string | boolean | undefined>;

/** The --kind flag, checked against the kinds export writes. */
function exportKindFlag(values: Values): ExportKind {
  const kind = typeof values.kind === 'string' ? values.kind : undefined;
  if (!kind) throw new UsageError(`--kind is required (${exportKinds.join(', ')}).`);
  if (!(exportKinds as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${exportKinds.join(', ')}, not "${kind}".`);
  }
  return kind as ExportKind;
}

/**
 * The format the file's name asks for: .xlsx is a real workbook, .csv (or .txt, or no
 * extension) is CSV. Any other extension is refused rather than filled with the wrong content.
 */
export function exportFormat(file: string, flag: string | undefined): 'csv' | 'xlsx' {
  const ext = extname(file).toLowerCase();
  const fromName = ext === '.xlsx' ? 'xlsx' : ['', '.csv', '.txt'].includes(ext) ? 'csv' : null;
  if (flag !== undefined && flag !== 'csv' && flag !== 'xlsx') {
    throw new UsageError(`--format must be csv or xlsx, not "${flag}".`);
  }
  if (fromName === null) {
    throw new UsageError(
      `Beacon exports .csv or .xlsx files, not ${ext}: name the file ${file.slice(0, -ext.length)}.csv or .xlsx.`,
    );
  }
  if (flag !== undefined && flag !== fromName) {
    throw new UsageError(`--format ${flag} does not match the file name ${file}.`);
  }
  return fromName;
}

export const exportCommand: Command = {
  name: 'export',
  summary:
    'export records as CSV or XLSX; students, attendance, marks and incidents in the layout import reads back unchanged',
  usage: `beacon export --db PATH --kind ${exportKinds.join('|')} --out FILE.csv|FILE.xlsx [--sep ";"]`,
  options: {
    db: { type: 'string' },
    kind: { type: 'string' },
    out: { type: 'string' },
    sep: { type: 'string' },
    format: { type: 'string' },
  },
  async run({ values }, out) {
    const kind = exportKindFlag(values);
    const file = typeof values.out === 'string' ? values.out : undefined;
    if (!file) throw new UsageError('--out FILE is required.');
    const format = exportFormat(
      file,
      typeof values.format === 'string' ? values.format : undefined,
    );
    const separator = separatorFlag(values);
    if (separator === '|') throw new UsageError('--sep for export must be , ; or tab.');
    if (separator && format === 'xlsx') throw new UsageError('--sep is for CSV files, not .xlsx.');
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const result = await inProcessApi(backend, systemSession).exportRecords({
        kind,
        format,
        ...(separator ? { separator } : {}),
      });
      if (!result.ok) {
        out.error(result.message);
        return 1;
      }
      const exported = result.value;
      writeFileWhole(file, exported.format === 'xlsx' ? exported.bytes : exported.csv);
      out.log(`Exported ${exported.rows} ${kind} row(s) to ${file}.`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
