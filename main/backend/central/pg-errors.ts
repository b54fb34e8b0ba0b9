import { BeaconError } from '../../../db';

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/** True when an error means the link or the server went away, so trying again later may work. */
export function isTransient(err: unknown): boolean {
  if (err instanceof BeaconError) return err.code === 'CENTRAL_UNREACHABLE';
  const e = err as { code?: string; message?: string };
  if (e.code && networkCodes.has(e.code)) return true;
  // 57P01-57P03: the server is shutting down or starting; 08xxx: connection failures.
  if (e.code && (/^57P0[1-3]$/.test(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

/**
 * Turns what node-postgres throws into a BeaconError with a stable code and a message a head
 * teacher can act on. Never includes a password; names the server by host only.
 */
export function centralError(err: unknown, host: string): BeaconError {
  if (err instanceof BeaconError) return err;
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case '28P01':
      return new BeaconError(
        'UNAUTHENTICATED',
        `The central server ${host} refused this school's password. Ask the district for a new connection file.`,
      );
    case '28000':
      return new BeaconError(
        'FORBIDDEN',
        `The central server ${host} no longer lets this school's account sign in (it was revoked). Ask the district.`,
      );
    case '3D000':
      return new BeaconError('NOT_FOUND', `The central database does not exist on ${host}.`);
    case '42501':
      return new BeaconError(
        'FORBIDDEN',
        `The central server ${host} refused rows this school may not write (another school's rows?); nothing was changed.`,
        { detail: e.message },
      );
    case '23505':
      return uniqueViolation(e as UniqueViolation, host);
  }
  if (isTransient(err)) {
    return new BeaconError(
      'CENTRAL_UNREACHABLE',
      `The central server ${host} could not be reached (${e.code ?? e.message ?? 'no answer'}); Beacon will try again.`,
    );
  }
  return new BeaconError(
    'INTERNAL',
    `The central server ${host} answered: ${e.message ?? String(err)}`,
  );
}

interface UniqueViolation {
  table?: string;
  constraint?: string;
  detail?: string;
}

/**
 * A unique key met on the server (sync/identity.ts settles the ones it knows before this can
 * happen): which record, by the key's columns other than the school, not PostgreSQL's sentence.
 */
function uniqueViolation(e: UniqueViolation, host: string): BeaconError {
  const key = /^Key \((.*)\)=\((.*)\) already exists/.exec(e.detail ?? '');
  const columns = key?.[1]?.split(', ') ?? [];
  const values = key?.[2]?.split(', ') ?? [];
  const named = columns
    .map((c, i) => [c, values[i]] as const)
    .filter(([c]) => c !== 'school_id' && c !== 'id')
    .map(([c, v]) => `${c.replace(/_/g, ' ')} ${v ?? ''}`.trim());
  const what = named.length ? `the same ${named.join(' and ')}` : 'the same key';
  return new BeaconError(
    'CONFLICT',
    `The central server ${host} already holds a ${e.table ?? 'record'} row with ${what}, made on another laptop of this school. This laptop's changes were not sent; sync again, and if this stays, ask the district.`,
    { table: e.table, constraint: e.constraint },
  );
}
