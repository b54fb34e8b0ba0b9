import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledScript } from './node-bundles';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real `beacon` CLI, bundled as the build bundles it, in a child process. */
export function runCli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bundledScript('beacon-cli'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
