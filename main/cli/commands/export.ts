import { writeFileSync } from 'node:fs';
import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { inProcessApi, systemSession } from '../../backend/transport/in-process';
import { UsageError, type Command } from '../command';
import { kindFlag, separatorFlag } from './import';

export const exportCommand: Command = {
  name: 'export',
  summary:
    'export students, attendance, marks or incidents as CSV that import reads back unchanged',
  usage:
    'beacon export --db PATH --kind students|attendance|marks|incidents --out FILE [--sep ";"]',
  options: {
    db: { type: 'string' },
    kind: { type: 'string' },
    out: { type: 'string' },
    sep: { type: 'string' },
  },
  async run({ values }, out) {
    const kind = kindFlag(values);
    const file = typeof values.out === 'string' ? values.out : undefined;
    if (!file) throw new UsageError('--out FILE is required.');
    const separator = separatorFlag(values);
    if (separator === '|') throw new UsageError('--sep for export must be , ; or tab.');
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const result = await inProcessApi(backend, systemSession).exportRecords({
        kind,
        ...(separator ? { separator } : {}),
      });
      if (!result.ok) {
        out.error(result.message);
        return 1;
      }
      writeFileSync(file, result.value.csv);
      out.log(`Exported ${result.value.rows} ${kind} row(s) to ${file}.`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
