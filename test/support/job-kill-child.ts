/**
 * A backend process the job tests kill or race: it runs the next ready job once and prints each
 * step ("ready", "claimed", the job's stages, "done") so the parent knows where a SIGKILL landed.
 * Usage: job-kill-child DB SECRETS_DIR TODAY [--enqueue-train SCHOOL_ID] [--wait-go]
 * With --wait-go it waits for a line on stdin after "ready", so two children start together.
 */
import { createInterface } from 'node:readline';
import { startBackend } from '../../main/backend/backend';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { fastTraining } from './job-school';

const [dbPath, secretsDir, today, ...flags] = process.argv.slice(2);
if (!dbPath || !secretsDir || !today) {
  process.stderr.write('usage: job-kill-child DB SECRETS_DIR TODAY [flags]\n');
  process.exit(2);
}
const say = (line: string) => process.stdout.write(`${line}\n`);
const flag = (name: string) => flags.indexOf(name);

const backend = await startBackend({
  dbPath,
  secrets: fileSecretStore(secretsDir),
  today: () => today,
  jobLeaseMs: 1500,
  logDir: null,
});
backend.onEvent((event, payload) => {
  if (event === 'jobProgress') {
    const p = payload as { kind: string; stage: string };
    say(`${p.kind} ${p.stage}`);
  }
});
say('ready');
if (flag('--wait-go') >= 0) {
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
}
const schoolId = flag('--enqueue-train') >= 0 ? flags[flag('--enqueue-train') + 1] : undefined;
if (schoolId) {
  backend.context.jobs.enqueue(
    'train',
    { schoolId, trigger: 'test', seed: 1, trainOptions: fastTraining },
    schoolId,
    5,
  );
}
const ran = await backend.jobs.runOnce();
await backend.close();
say(`done ${ran}`);
