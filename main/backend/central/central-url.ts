import { readFileSync } from 'node:fs';
import type { ClientConfig } from 'pg';
import { BeaconError } from '../../../db';
import type { DistrictConnection } from './connection-file';

export interface CentralTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Only when the URL itself carries one (an admin's own URL); school passwords come from the secret store. */
  password?: string;
  /** verify-full unless the host is this machine or the URL says otherwise. */
  sslmode: 'disable' | 'require' | 'verify-full';
  caFile?: string;
  /** The CA certificate itself (PEM), as a connection file carries it; preferred to caFile. */
  ca?: string;
}

const localHosts = new Set(['localhost', '127.0.0.1', '::1']);

/** This machine: a loopback name or address, or a Unix socket's folder (a path). */
export const isLocalHost = (host: string): boolean => localHosts.has(host) || host.startsWith('/');

type SslMode = CentralTarget['sslmode'];

/**
 * The one TLS rule: a server that is not this machine is reached with verify-full, never over a
 * link that is unencrypted (`disable`) or that any machine in the middle could answer (`require`
 * checks no certificate). There is no opt-out: a district server without a certificate from a
 * public CA gets one from its own CA, given with `--ca`. Weaker modes stay for this machine's
 * test servers.
 */
export function assertTlsMode(host: string, sslmode: SslMode): void {
  if (sslmode === 'verify-full' || isLocalHost(host)) return;
  throw new BeaconError(
    'INVALID_INPUT',
    `sslmode=${sslmode} is refused for ${host}: a central server on another machine is reached ` +
      'only with TLS that checks its certificate (verify-full). Leave sslmode out, and give the ' +
      "district's CA certificate with --ca if the server's certificate is not from a public CA.",
  );
}

/** The CA certificate (PEM) in a file, or an error naming the file. */
export function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new BeaconError(
      'INVALID_INPUT',
      `The CA certificate file ${path} ${why}: give the path of the district's CA file (PEM).`,
    );
  }
}

/**
 * Parses a postgres:// URL into a target, refusing anything else with a message naming the fault.
 * TLS is on by default for any host that is not this machine, and checks the server's name and
 * certificate (verify-full) against the system's CAs or the given CA file (`--ca`, else the URL's
 * `sslrootcert`), which is read here. A Unix socket is given as libpq does: the folder as the
 * host, percent-encoded (`postgres://user@%2Fvar%2Frun%2Fpostgresql/db`) or as `?host=/path`.
 */
export function parseCentralUrl(url: string, caFile?: string): CentralTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BeaconError(
      'INVALID_INPUT',
      `"${redactUrl(url)}" is not a URL (postgres://user@host:5432/database).`,
    );
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new BeaconError(
      'INVALID_INPUT',
      `The central database URL must start with postgres:// (got ${u.protocol}).`,
    );
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database)
    throw new BeaconError('INVALID_INPUT', 'The central database URL names no database.');
  const host =
    u.searchParams.get('host') ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new BeaconError('INVALID_INPUT', 'The central database URL names no host.');
  const mode = u.searchParams.get('sslmode') ?? (isLocalHost(host) ? 'disable' : 'verify-full');
  if (mode !== 'disable' && mode !== 'require' && mode !== 'verify-full') {
    throw new BeaconError(
      'INVALID_INPUT',
      `sslmode "${mode}" is not one Beacon uses: verify-full (the default), require or disable.`,
    );
  }
  assertTlsMode(host, mode);
  const ca = caFile ?? u.searchParams.get('sslrootcert') ?? undefined;
  return {
    host,
    port: u.port ? Number(u.port) : 5432,
    database,
    user: decodeURIComponent(u.username) || 'postgres',
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    sslmode: mode,
    ...(ca !== undefined ? { caFile: ca, ca: readCaFile(ca) } : {}),
  };
}

/**
 * Where a connection file (a school's or a district admin's) leads, as a target: its CA
 * certificate travels in the file itself.
 */
export const connectionTarget = (c: DistrictConnection, password?: string): CentralTarget => ({
  host: c.host,
  port: c.port,
  database: c.database,
  user: c.role,
  ...(password !== undefined ? { password } : {}),
  sslmode: c.sslmode,
  ...(c.ca !== undefined ? { ca: c.ca } : {}),
});

/** The URL with any password replaced, fit for a log or a message. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/** The node-postgres configuration for a target, with TLS settings as its sslmode says. */
export function clientConfig(target: CentralTarget, password?: string): ClientConfig {
  // Checked here too: a connection file edited by hand never went through parseCentralUrl.
  assertTlsMode(target.host, target.sslmode);
  const pass = password ?? target.password;
  const ssl =
    target.sslmode === 'disable'
      ? false
      : target.sslmode === 'require'
        ? { rejectUnauthorized: false }
        : {
            rejectUnauthorized: true,
            servername: target.host,
            ...(target.ca
              ? { ca: target.ca }
              : target.caFile
                ? { ca: readCaFile(target.caFile) }
                : {}),
          };
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    ...(pass !== undefined ? { password: pass } : {}),
    ssl,
    connectionTimeoutMillis: 15_000,
    application_name: 'beacon',
  };
}
