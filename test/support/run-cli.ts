import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real `beacon` CLI from source in a child process, as a user would. */
export function runCli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/beacon.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
