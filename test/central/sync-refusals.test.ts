import { describe, expect, it } from 'vitest';
import { BeaconError } from '../../db';
import { revokeSchool } from '../../main/backend/central/central-admin';
import {
  readConnectionFile,
  writeConnectionFile,
} from '../../main/backend/central/connection-file';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import { centralError } from '../../main/backend/central/pg-errors';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { openCentralSession } from '../../main/backend/sync/central-session';
import { connectLaptop } from '../../main/backend/sync/connect-laptop';
import { readOutboxBatch } from '../../main/backend/sync/outbox-reader';
import { pushBatch } from '../../main/backend/sync/push';
import { readSyncState } from '../../main/backend/sync/sync-state';
import { addStudents, recordsSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { centralSnapshot, centralWithSchool, connectedLaptop } from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';
import { privateClusterUnavailable, usePrivateCluster } from './private-cluster';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();
const newCluster = usePrivateCluster();

async function failure(p: Promise<unknown>): Promise<BeaconError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BeaconError);
    return err as BeaconError;
  }
  throw new Error('expected a refusal');
}

async function syncedWorld() {
  const url = await newDatabase();
  const file = await centralWithSchool(url, tempDir());
  const a = await connectedLaptop(tempDir(), file);
  after(() => a.backend.close());
  await addStudents(a.api, ['Ana Silva', 'Bruno Costa']);
  await a.sync();
  await addStudents(a.api, ['Carla Dias'], 'T');
  const server = await centralSnapshot(url, a);
  const state = readSyncState(a.db, a.schoolId);
  return { url, file, a, server, state };
}

describe('sync refusals: clear errors, nothing changed', () => {
  it.skipIf(privateClusterUnavailable())(
    'a wrong password is refused and nothing is kept on the laptop',
    async () => {
      // The shared server trusts local connections; this one checks passwords.
      const cluster = await newCluster();
      const file = await centralWithSchool(cluster.url, tempDir());
      const { connection } = readConnectionFile(file.text, file.code);
      const forged = writeConnectionFile(connection, 'not-the-password', 'AAAAA-BBBBB-CCCCC-DDDDD');
      const dir = tempDir();
      const secrets = fileSecretStore(`${dir}/secrets`);
      const s = await recordsSchool(dir, { secrets });
      after(() => s.backend.close());
      const err = await failure(connectLaptop(s.db, secrets, forged, 'AAAAA-BBBBB-CCCCC-DDDDD'));
      expect(err.code).toBe('UNAUTHENTICATED');
      expect(err.message).toContain("refused this school's password");
      expect(err.message).not.toContain('not-the-password');
      expect(await secrets.get('sync-password')).toBeNull();
      expect(readSyncState(s.db, s.schoolId).connection).toBeNull();
      // The right file and code work against the same server.
      await connectLaptop(s.db, secrets, file.text, file.code);
      expect(await secrets.get('sync-password')).not.toBeNull();
    },
    60_000,
  );

  it('a revoked role is refused, and the outbox waits', async () => {
    const { url, file, a, server, state } = await syncedWorld();
    expect(file.role).toContain('_s_vale');
    await revokeSchool(parseCentralUrl(url), 'VALE');
    const err = await failure(a.sync());
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('revoked');
    expect(readSyncState(a.db, a.schoolId).pushedThrough).toBe(state.pushedThrough);
    expect(readSyncState(a.db, a.schoolId).lastError?.code).toBe('FORBIDDEN');
    expect(await centralSnapshot(url, a)).toEqual(server);
  });

  it('a server with a newer or an older schema is refused before anything is sent', async () => {
    const { url, a, server, state } = await syncedWorld();
    await asAdmin(url, (c) =>
      c.query(
        `INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('0042-from-the-future', 9, now())`,
      ),
    );
    const newer = await failure(a.sync());
    expect(newer.code).toBe('CENTRAL_SCHEMA_MISMATCH');
    expect(newer.message).toContain('newer Beacon schema');
    await asAdmin(url, (c) =>
      c.query(
        // The server's history becomes a prefix of this Beacon's: an older schema.
        `DELETE FROM knex_migrations WHERE name = '0042-from-the-future' OR name > '0040-central-schema'`,
      ),
    );
    const older = await failure(a.sync());
    expect(older.code).toBe('CENTRAL_SCHEMA_MISMATCH');
    expect(older.message).toContain('beacon central init');
    expect(readSyncState(a.db, a.schoolId).pushedThrough).toBe(state.pushedThrough);
    expect(await centralSnapshot(url, a)).toEqual(server);
  });

  it("another school's rows are refused by the laptop, and by the server when the laptop is bypassed", async () => {
    const url = await newDatabase();
    const dir = tempDir();
    const fileA = await centralWithSchool(url, dir, 'A');
    const fileB = await centralWithSchool(url, dir, 'B');
    const a = await connectedLaptop(tempDir(), fileA);
    const b = await connectedLaptop(tempDir(), fileB);
    after(() => a.backend.close());
    after(() => b.backend.close());
    await a.sync();
    await b.sync();
    await addStudents(b.api, ['Zed Zulu']);
    const before = await asAdmin(url, (c) =>
      c.query('SELECT school_id, id, version FROM students ORDER BY id'),
    );

    const { connection, password } = readConnectionFile(fileA.text, fileA.code);
    const session = await openCentralSession(connection, password, a.schoolId);
    try {
      const stolen = readOutboxBatch(b.db, b.schoolId, 0, 1000, (t) =>
        (session.columns.get(t) ?? []).map((col) => col.name),
      );
      const laptopSide = await failure(pushBatch(session, stolen!, 'forger', 0));
      expect(laptopSide.code).toBe('FORBIDDEN');
      // The server's own guard: a session that claims to be school B.
      const bypass = await pushBatch(
        { ...session, schoolId: b.schoolId },
        stolen!,
        'forger',
        0,
      ).catch((err: unknown) => centralError(err, 'server'));
      expect(bypass).toBeInstanceOf(BeaconError);
      expect((bypass as BeaconError).code).toBe('FORBIDDEN');
    } finally {
      await session.close();
    }
    const afterRows = await asAdmin(url, (c) =>
      c.query('SELECT school_id, id, version FROM students ORDER BY id'),
    );
    expect(afterRows.rows).toEqual(before.rows);
  });
});
