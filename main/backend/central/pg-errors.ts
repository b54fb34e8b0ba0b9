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
