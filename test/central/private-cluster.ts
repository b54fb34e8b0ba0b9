import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const bin = '/usr/lib/postgresql/15/bin';

/**
 * Why a private server cannot be started here, or null when it can. The shared server trusts
 * every local connection (so a wrong password cannot be refused) and must never be restarted
 * under other engineers' tests, so those two proofs use a throwaway cluster of their own.
 */
export const privateClusterUnavailable = (): string | null =>
  existsSync(join(bin, 'initdb')) ? null : `PostgreSQL 15 binaries not found in ${bin}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface PrivateCluster {
  /** The admin URL (password auth, scram-sha-256). */
  url: string;
  restart(): void;
}

/** A throwaway PostgreSQL cluster with password authentication, stopped and removed after the test. */
export function usePrivateCluster(): () => Promise<PrivateCluster> {
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-pg-'));
    const root = process.getuid?.() === 0;
    const run = (cmd: string, args: string[]) =>
      root
        ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
            stdio: 'pipe',
          })
        : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
    const password = 'admin-test-password';
    writeFileSync(join(dir, 'pw'), password);
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
      chownSync(join(dir, 'pw'), uid, gid);
    }
    const data = join(dir, 'data');
    run('initdb', [
      '-D',
      data,
      '-A',
      'scram-sha-256',
      `--pwfile=${join(dir, 'pw')}`,
      '-U',
      'postgres',
    ]);
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    const start = () =>
      run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
    start();
    stops.push(() => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      restart: () => {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        start();
      },
    };
  };
}
