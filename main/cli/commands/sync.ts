import { readFileSync } from 'node:fs';
import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { currentSchool } from '../../backend/services/school';
import { connectLaptop } from '../../backend/sync/connect-laptop';
import { pendingCount } from '../../backend/sync/outbox-reader';
import { runSync } from '../../backend/sync/run-sync';
import { readSyncState } from '../../backend/sync/sync-state';
import { UsageError, type Command } from '../command';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `beacon sync`: connect this laptop with the district's file, sync now, or show the state. */
export const sync: Command = {
  name: 'sync',
  summary:
    "send this school's changes to the district's server and bring back other laptops' changes",
  usage: 'beacon sync [--db PATH] [--connect FILE --code ENROLMENT-CODE] [--status]',
  options: {
    db: { type: 'string' },
    connect: { type: 'string' },
    code: { type: 'string' },
    status: { type: 'boolean' },
  },
  async run({ values }, out) {
    const dbPath = str(values.db) ?? defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    const { db, secrets } = backend.context;
    try {
      const file = str(values.connect);
      if (file) {
        const code = str(values.code) ?? process.env.BEACON_ENROLMENT_CODE;
        if (!code)
          throw new UsageError('Give the enrolment code the district gave you with --code.');
        const joined = await connectLaptop(db, secrets, readFileSync(file, 'utf8'), code);
        out.log(
          `Connected to ${joined.host} as school ${joined.schoolCode}` +
            (joined.joined ? ", and took the school's records from the server." : '.'),
        );
      }
      const school = currentSchool(db);
      if (values.status) {
        if (!school) {
          out.log('No school on this laptop yet.');
          return 0;
        }
        const state = readSyncState(db, school.id);
        out.log(
          `connection     ${state.connection ? `${state.connection.host} (${state.connection.schoolCode})` : 'none'}`,
        );
        out.log(`pending        ${pendingCount(db, school.id, state.pushedThrough)} changes`);
        out.log(`last success   ${state.lastSuccessAt ?? 'never'}`);
        if (state.lastError)
          out.log(`last error     ${state.lastError.message} (${state.lastError.at})`);
        return 0;
      }
      let shown = 0;
      const summary = await runSync(db, secrets, {
        onProgress: (p) => {
          // A line per 50,000 rows, so a first push of a large school shows it is moving.
          if (p.phase === 'pushing' && p.pushed - shown >= 50_000) {
            shown = p.pushed;
            out.log(`  sent ${p.pushed} rows...`);
          }
        },
      });
      out.log(
        `Synced: sent ${summary.pushed} rows in ${summary.batches} batches` +
          (summary.tombstones ? ` (${summary.tombstones} deletions)` : '') +
          (summary.audit ? ` and ${summary.audit} audit entries` : '') +
          `, received ${summary.pulled}` +
          (summary.models
            ? `, and ${summary.models} ${summary.models === 1 ? 'model' : 'models'} from the district, offered on the Models screen.`
            : '.'),
      );
      return 0;
    } finally {
      await backend.close();
    }
  },
};
