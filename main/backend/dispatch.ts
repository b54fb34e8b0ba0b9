import { z } from 'zod';
import { requests, type Failure, type RequestName, type Result } from '../../contract';
import {
  BeaconError,
  changedMark,
  changedSince,
  clearChanged,
  fileSize,
  translateSqliteError,
} from '../../db';
import type { Connection } from './auth/session';
import { accessFailure } from './auth/access';
import { checkSession } from './auth/session-check';
import type { HandlerContext, Handlers, RequestContext } from './handlers/types';
import { keptCurrent } from './keep-current';

const isRequestName = (name: string): name is RequestName => Object.hasOwn(requests, name);

/** Turns a zod failure into one sentence that names each wrong field. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

/**
 * Maps anything thrown to the contract's failure shape; unknown errors never leak internals.
 * SQLite's busy, read-only, full-disk and damaged-file errors get their own codes (`dbPath`
 * names the file in their messages), never INTERNAL.
 */
export function toFailure(
  err: unknown,
  log: (err: unknown) => void = console.error,
  dbPath?: string,
): Failure {
  const translated = translateSqliteError(err, dbPath, dbPath ? fileSize(dbPath) : 0);
  if (translated) err = translated;
  if (err instanceof BeaconError) {
    return { ok: false, code: err.code, message: err.message, details: err.details };
  }
  if (err instanceof z.ZodError) {
    return {
      ok: false,
      code: 'INVALID_INPUT',
      message: `Invalid input: ${describeIssues(err)}`,
      details: err.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    };
  }
  const sqlite = err as { code?: unknown; message?: unknown };
  if (typeof sqlite.code === 'string' && sqlite.code.startsWith('SQLITE_CONSTRAINT')) {
    return {
      ok: false,
      code: sqlite.code === 'SQLITE_CONSTRAINT_UNIQUE' ? 'CONFLICT' : 'INVALID_INPUT',
      message: `The database refused the change: ${String(sqlite.message)}`,
    };
  }
  log(err);
  return { ok: false, code: 'INTERNAL', message: 'Something went wrong inside Beacon.' };
}

export type Dispatch = (
  name: string,
  input: unknown,
  connection: Connection,
) => Promise<Result<unknown>>;

/**
 * Re-reads a user's account before each request, so a changed role applies at once and a
 * disabled account, a reset password or a session past its lifetime ends the session (the
 * connection is signed out). Answers the failure that ended it, or null.
 */
function refreshSession(ctx: HandlerContext, connection: Connection): Failure | null {
  if (!connection.session) return null;
  const checked = checkSession(ctx.db, connection.session, ctx.now());
  if ('ended' in checked) {
    connection.session = null;
    return checked.ended;
  }
  connection.session = checked.session;
  return null;
}

/**
 * Validates a request against the contract, checks who may make it, runs its handler, and
 * answers with a Result. Nothing thrown escapes.
 */
export function createDispatch(
  handlers: Handlers,
  ctx: HandlerContext,
  logInternal: (err: unknown) => void = console.error,
): Dispatch {
  let inFlight = 0;
  return async (name, input, connection) => {
    if (!isRequestName(name)) {
      return { ok: false, code: 'UNKNOWN_REQUEST', message: `Unknown request "${name}".` };
    }
    const spec = requests[name];
    // What the request's writes change is read from the change log's journal, not listed by
    // each handler; requests that overlap (one awaits) may each report the other's too.
    const db = ctx.db;
    if (inFlight === 0) clearChanged(db);
    const mark = changedMark(db);
    inFlight++;
    try {
      const ended = refreshSession(ctx, connection);
      if (ended && spec.access !== 'public') return ended;
      const denied = accessFailure(spec.access, connection.session);
      if (denied) return denied;
      const parsed = spec.input.parse(input);
      const handler = handlers[name] as (i: unknown, c: RequestContext) => unknown;
      const requestContext: RequestContext = {
        ...ctx,
        connection,
        session: connection.session,
      };
      return { ok: true, value: await handler(parsed, requestContext) };
    } catch (err) {
      return toFailure(err, logInternal, ctx.dbPath);
    } finally {
      inFlight--;
      const entities = keptCurrent(changedSince(db, mark));
      if (entities.length > 0) ctx.emit('dataChanged', { entities });
    }
  };
}
