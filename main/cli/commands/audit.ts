import { startBackend } from '../../backend/backend';
import { defaultDatabasePath } from '../../backend/paths';
import { verifyAuditChain } from '../../backend/services/audit-chain';
import { UsageError, type Command } from '../command';

export const audit: Command = {
  name: 'audit',
  summary: 'verify that no audit log entry was edited, deleted or slipped in since it was written',
  usage: 'beacon audit verify [--db PATH]',
  options: { db: { type: 'string' } },
  async run({ values, positionals }, out) {
    if (positionals[0] !== 'verify' || positionals.length > 1) {
      throw new UsageError(`Unknown audit action "${positionals.join(' ')}": try "verify".`);
    }
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const backend = await startBackend({ dbPath });
    try {
      const check = verifyAuditChain(backend.context.db);
      const older = check.unchained ? ` (${check.unchained} written before the chain began)` : '';
      if (check.ok) {
        out.log(`The audit log is intact: ${check.entries} entries checked${older}.`);
        return 0;
      }
      const b = check.broken;
      out.error(
        `The audit log was altered: entry ${b?.id ?? '?'} of ${b?.at ?? '?'}: ${b?.reason ?? '?'}. ` +
          'Entries from there on cannot be trusted; compare with a backup.',
      );
      return 1;
    } finally {
      await backend.close();
    }
  },
};
