import { readFileSync } from 'node:fs';
import type { ClientConfig } from 'pg';
import { BeaconError } from '../../../db';

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

const localHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Parses a postgres:// URL into a target, refusing anything else with a message naming the fault.
 * TLS is on by default for any host that is not this machine, and checks the server's name and
 * certificate (verify-full) against the system's CAs or the given CA file.
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
  const host = u.hostname;
  if (!host) throw new BeaconError('INVALID_INPUT', 'The central database URL names no host.');
  const mode = u.searchParams.get('sslmode') ?? (localHosts.has(host) ? 'disable' : 'verify-full');
  if (mode !== 'disable' && mode !== 'require' && mode !== 'verify-full') {
    throw new BeaconError(
      'INVALID_INPUT',
      `sslmode "${mode}" is not one Beacon uses: verify-full (the default), require or disable.`,
    );
  }
  return {
    host,
    port: u.port ? Number(u.port) : 5432,
    database,
    user: decodeURIComponent(u.username) || 'postgres',
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    sslmode: mode,
    ...((caFile ?? u.searchParams.get('sslrootcert'))
      ? { caFile: caFile ?? u.searchParams.get('sslrootcert') ?? undefined }
      : {}),
  };
}

/** The URL with any password replaced, fit for a log or a message. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/** The node-postgres configuration for a target, with TLS settings as its sslmode says. */
export function clientConfig(target: CentralTarget, password?: string): ClientConfig {
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
                ? { ca: readFileSync(target.caFile, 'utf8') }
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
