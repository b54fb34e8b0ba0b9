import { resolve } from 'node:path';
import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { inProcessApi, systemSession } from '../../backend/transport/in-process';
import type { Command } from '../command';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'back the database up now (the whole school in one file), or --list the backups kept',
  usage: 'beacon backup [--db PATH] [--folder DIR] [--list]',
  options: { db: { type: 'string' }, folder: { type: 'string' }, list: { type: 'boolean' } },
  async run({ values }, out) {
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const api = inProcessApi(backend, systemSession);
      if (values.list) {
        const list = await api.listBackups({});
        if (!list.ok) {
          out.error(list.message);
          return 1;
        }
        out.log(`Backups in ${list.value.folder}, newest first:`);
        for (const b of list.value.backups) {
          out.log(
            `  ${b.createdAt}  ${b.reason.padEnd(19)} ${mb(b.sizeBytes).padStart(9)}  ${b.path}`,
          );
        }
        if (list.value.backups.length === 0) out.log('  (none yet)');
        return 0;
      }
      const folder = typeof values.folder === 'string' ? resolve(values.folder) : undefined;
      const made = await api.backupNow(folder === undefined ? {} : { folder });
      if (!made.ok) {
        out.error(made.message);
        return 1;
      }
      out.log(
        `Backed up to ${made.value.path} (${mb(made.value.sizeBytes)}` +
          `${made.value.encrypted ? ', encrypted' : ''}).`,
      );
      return 0;
    } finally {
      await backend.close();
    }
  },
};
