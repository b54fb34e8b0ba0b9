import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addSchool } from '../../main/backend/central/central-admin';
import { migrateCentral } from '../../main/backend/central/central-schema';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import type { SecretStore } from '../../main/backend/secrets/secret-store';
import { connectLaptop } from '../../main/backend/sync/connect-laptop';
import { runSync } from '../../main/backend/sync/run-sync';
import { recordsSchool, type RecordsSchool } from '../support/records-school';

/** A central database set up for Beacon, and the connection file and code of one school on it. */
export async function centralWithSchool(url: string, dir: string, code = 'VALE') {
  const target = parseCentralUrl(url);
  await migrateCentral(target);
  const file = join(dir, `${code}.beacon-connection`);
  const added = await addSchool(target, code, file);
  return {
    target,
    file,
    code: added.enrolmentCode,
    role: added.role,
    text: readFileSync(file, 'utf8'),
  };
}

export interface Laptop extends RecordsSchool {
  secrets: SecretStore;
  sync(): ReturnType<typeof runSync>;
}

/** A laptop with the records test school, connected to the central server with the file. */
export async function connectedLaptop(
  dir: string,
  file: { text: string; code: string },
): Promise<Laptop> {
  const school = await recordsSchool(dir);
  const secrets = fileSecretStore(join(dir, 'secrets'));
  await connectLaptop(school.db, secrets, file.text, file.code);
  return { ...school, secrets, sync: () => runSync(school.db, secrets, { batchSize: 500 }) };
}
