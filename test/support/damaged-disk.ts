import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledScript } from './node-bundles';

const root = fileURLToPath(new URL('../..', import.meta.url));
const isRoot = process.getuid?.() === 0;
/** The unprivileged account a root test runs the CLI as, so file permissions apply to it. */
const nobody = 65534;

/**
 * Runs the real `beacon` CLI as a user that file permissions apply to (nobody, when the tests
 * run as root, since root writes anywhere), with a home folder of its own.
 */
export function runCliAsUser(args: string[], home: string) {
  const r = spawnSync(process.execPath, [bundledScript('beacon-cli'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_NO_WARNINGS: '1',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
    },
    ...(isRoot ? { uid: nobody, gid: nobody } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A home folder the CLI's user can write to, removed by the caller's temp-dir cleanup. */
export function userHome(parent: string): string {
  const home = join(parent, 'home');
  mkdirSync(home, { recursive: true });
  chmodSync(parent, 0o755);
  chmodSync(home, 0o777);
  return home;
}

/** Whether this machine lets the tests mount a small tmpfs (root with CAP_SYS_ADMIN). */
export function canMount(): boolean {
  if (!isRoot) return false;
  const dir = mkdtempSync(join(tmpdir(), 'beacon-mount-probe-'));
  try {
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    if (r.status !== 0) return false;
    spawnSync('umount', [dir]);
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mounts a tmpfs of `bytes` at `dir` (a small disk to fill); answers the unmount. */
export function mountSmallDisk(dir: string, bytes: number): () => void {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`);
  return () => void spawnSync('umount', [dir]);
}
