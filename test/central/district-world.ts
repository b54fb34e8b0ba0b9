import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addSchool } from '../../main/backend/central/central-admin';
import type { CentralTarget } from '../../main/backend/central/central-url';
import { startBackend, type Backend } from '../../main/backend/backend';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import type { SecretStore } from '../../main/backend/secrets/secret-store';
import { connectLaptop } from '../../main/backend/sync/connect-laptop';
import { runSync } from '../../main/backend/sync/run-sync';

/** The demo's last simulated day, and the date district training and model judging take as today. */
export const districtToday = '2026-11-29';

/** Logistic regression alone: the quickest training that still makes a real model. */
export const quickTraining = { candidates: ['logistic' as const] };

export interface DemoLaptop {
  backend: Backend;
  db: Backend['context']['db'];
  schoolId: string;
  secrets: SecretStore;
  connection: { text: string; code: string };
  sync(): ReturnType<typeof runSync>;
}

/**
 * A school added on the central server and one laptop of it with a small simulated history
 * (60 students over two school years: enough outcomes to train, small enough to push in seconds),
 * connected and synced once.
 */
export async function syncedDemoSchool(
  target: CentralTarget,
  dir: string,
  code: string,
  seed = 3,
  /** Runs on the laptop's database before it connects (a school's own settings, say). */
  prepare?: (db: DemoLaptop['db'], schoolId: string) => void,
): Promise<DemoLaptop> {
  const file = join(dir, `${code}.beacon-connection`);
  const added = await addSchool(target, code, file);
  const secrets = fileSecretStore(join(dir, `${code}-secrets`));
  const backend = await startBackend({
    dbPath: join(dir, `${code}.sqlite`),
    secrets,
    today: () => districtToday,
    logDir: null,
  });
  const db = backend.context.db;
  const { schoolId } = loadDemoSchool(
    db,
    { students: 60, years: 2, seed, today: districtToday },
    null,
  );
  prepare?.(db, schoolId);
  const connection = { text: readFileSync(file, 'utf8'), code: added.enrolmentCode };
  await connectLaptop(db, secrets, connection.text, connection.code);
  const sync = () => runSync(db, secrets, { today: districtToday });
  await sync();
  return { backend, db, schoolId, secrets, connection, sync };
}
