import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { inProcessApi, systemSession } from '../../backend/transport/in-process';
import type { Command } from '../command';

export const info: Command = {
  name: 'info',
  summary: 'create or migrate a database if needed, then print its schema version and row counts',
  usage: 'beacon info [--db PATH] [--json]',
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, out) {
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const health = await inProcessApi(backend, systemSession).health({});
      if (!health.ok) {
        out.error(health.message);
        return 1;
      }
      const h = health.value;
      if (values.json) {
        out.log(JSON.stringify(h));
        return 0;
      }
      out.log(`Beacon ${h.appVersion}`);
      out.log(`database       ${h.databasePath}`);
      out.log(`schema version ${h.schemaVersion} (${h.migrations.join(', ')})`);
      out.log(`school         ${h.school ? h.school.name : '(not set up yet)'}`);
      out.log(
        `audit log      ${h.auditLog.intact ? `intact (${h.auditLog.entries} entries)` : `ALTERED at entry ${h.auditLog.brokenAt ?? '?'}: run beacon audit verify`}`,
      );
      for (const [table, count] of Object.entries(h.counts ?? {})) {
        out.log(`  ${table.padEnd(20)} ${count}`);
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};
