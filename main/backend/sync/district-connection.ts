import type { DistrictStatus } from '../../../contract/domains/district';
import { BeaconError, type Db } from '../../../db';
import type { SecretStore } from '../secrets/secret-store';
import { readSyncValue, writeSyncState } from './sync-state';
import { withAdmin } from '../central/central-admin';
import { centralApplied, checkCentralSchema } from '../central/central-schema';
import { connectionTarget, type CentralTarget } from '../central/central-url';
import { readDistrictConnectionFile, type DistrictConnection } from '../central/connection-file';
import { requireDistrictAdmin } from '../central/report';

/**
 * A district admin's connection on this laptop, for the District screen: what `beacon central
 * add-admin` wrote (host, database, role, CA) kept in sync_state, the password through the secret
 * store, as a school's sync connection is. Apart from the school's own sync connection: the same
 * laptop may be both.
 */

const stored = (db: Db, schoolId: string) =>
  readSyncValue(db, schoolId, 'district_connection') as DistrictConnection | null;

/** Whether a district connection is kept here, and where to; never the password. */
export function districtStatus(db: Db, schoolId: string): DistrictStatus {
  const c = stored(db, schoolId);
  return c
    ? { connected: true, host: c.host, database: c.database, role: c.role }
    : { connected: false, host: null, database: null, role: null };
}

/**
 * Opens a district admin's connection file with its enrolment code and proves it on the server
 * (password, schema, membership of the district role) before keeping anything.
 */
export async function connectDistrict(
  db: Db,
  secrets: SecretStore,
  schoolId: string,
  fileText: string,
  enrolmentCode: string,
): Promise<DistrictStatus> {
  const { connection, password } = readDistrictConnectionFile(fileText, enrolmentCode);
  const target = connectionTarget(connection, password);
  await withAdmin(target, async (c) => {
    await requireDistrictAdmin(c, target);
    checkCentralSchema(await centralApplied(c), target.host);
  });
  await secrets.set('district-password', password);
  writeSyncState(db, schoolId, 'district_connection', connection);
  return districtStatus(db, schoolId);
}

/** Forgets the district connection and its password here; the server's role stays. */
export async function disconnectDistrict(
  db: Db,
  secrets: SecretStore,
  schoolId: string,
): Promise<DistrictStatus> {
  await secrets.delete('district-password');
  db.prepare("DELETE FROM sync_state WHERE school_id = ? AND key = 'district_connection'").run(
    schoolId,
  );
  return districtStatus(db, schoolId);
}

/** The kept connection as a target to read the report with; refused when none is kept. */
export async function districtTarget(
  db: Db,
  secrets: SecretStore,
  schoolId: string,
): Promise<CentralTarget> {
  const c = stored(db, schoolId);
  const password = c ? await secrets.get('district-password') : null;
  if (!c || password === null) {
    throw new BeaconError(
      'NOT_FOUND',
      "No district connection is set on this laptop: open a district admin's connection file on the District screen.",
    );
  }
  return connectionTarget(c, password);
}
