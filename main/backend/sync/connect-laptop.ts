import { BeaconError, type Db, writeTransaction } from '../../../db';
import { readConnectionFile } from '../central/connection-file';
import type { SecretStore } from '../secrets/secret-store';
import { currentSchool } from '../services/school';
import { applyPulled } from './apply-pulled';
import { openCentralSession } from './central-session';
import { writeSyncState } from './sync-state';

export interface Connected {
  schoolId: string;
  schoolCode: string;
  host: string;
  /** True when this laptop had no school and took the server's. */
  joined: boolean;
}

/**
 * Opens the district's connection file with its enrolment code, checks it against the server
 * (password, schema, the school it is bound to), then keeps the password in the secret store and
 * the rest in sync_state. A laptop without a school takes the server's school row, so its first
 * sync brings the rest. Nothing is kept when any check fails.
 */
export async function connectLaptop(
  db: Db,
  secrets: SecretStore,
  fileText: string,
  enrolmentCode: string,
): Promise<Connected> {
  const { connection, password } = readConnectionFile(fileText, enrolmentCode);
  const local = currentSchool(db);
  const session = await openCentralSession(connection, password, local?.id ?? null);
  try {
    let joined = false;
    if (!local) {
      const cols = (session.columns.get('schools') ?? []).map((c) => `"${c.name}"`).join(', ');
      const res = await session.client.query(`SELECT ${cols} FROM schools WHERE id = $1`, [
        session.schoolId,
      ]);
      const row = res.rows[0] as Record<string, unknown> | undefined;
      if (!row)
        throw new BeaconError(
          'NOT_FOUND',
          `The central server has no school row for ${connection.schoolCode} yet.`,
        );
      row.version = Number(row.version);
      writeTransaction(db, () =>
        applyPulled(db, session.schoolId, { upTo: 0, rows: new Map([['schools', [row]]]) }),
      );
      joined = true;
    }
    await secrets.set('sync-password', password);
    writeSyncState(db, session.schoolId, 'connection', connection);
    return {
      schoolId: session.schoolId,
      schoolCode: connection.schoolCode,
      host: connection.host,
      joined,
    };
  } finally {
    await session.close();
  }
}
