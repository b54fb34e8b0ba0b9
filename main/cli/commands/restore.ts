import { resolve } from 'node:path';
import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { inProcessApi, systemSession } from '../../backend/transport/in-process';
import { UsageError, type Command } from '../command';

export const restoreCommand: Command = {
  name: 'restore',
  summary:
    'restore a backup (or bring a school from another laptop) after checking it; the current database is kept as a backup',
  usage: 'beacon restore FILE [--db PATH]',
  options: { db: { type: 'string' } },
  async run({ values, positionals }, out) {
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw new UsageError('Give exactly one backup FILE.');
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const result = await inProcessApi(backend, systemSession).restoreBackup({
        path: resolve(file),
      });
      if (!result.ok) {
        out.error(result.message);
        return 1;
      }
      const r = result.value;
      out.log(
        `Restored ${r.schoolName} from ${r.restoredFrom} (schema version ${r.schemaVersion}).`,
      );
      out.log(`The database as it was is kept as ${r.keptAside.path}.`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};
