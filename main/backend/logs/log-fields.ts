import { homedir } from 'node:os';

/**
 * What may go into a log line. Logs sit in plain files and get sent to IT, so they hold no
 * personal data: numbers, booleans, and short codes (request names, error codes, ids, job
 * kinds) under the keys below. Any other string, any nested value, and every error message is
 * dropped; the log says so instead of what it was.
 */
const codeKeys = new Set([
  'request',
  'code',
  'kind',
  'jobId',
  'stage',
  'reason',
  'errorName',
  'errorCode',
  'metric',
  'appVersion',
  'event',
]);
const CODE = /^[\w.:@/-]{1,80}$/;
export const REDACTED = '[redacted]';

/** Stack frames as `errorFields` joins them: every part a frame, no message. */
const isFrames = (s: string) =>
  s.length <= 4000 && s.split(' | ').every((part) => /^at [^\n]+$/.test(part));

export type LogFields = Record<string, unknown>;

/** The fields as they may be written: safe values kept, everything else redacted. */
export function safeFields(fields: LogFields): Record<string, number | boolean | string | null> {
  const out: Record<string, number | boolean | string | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!/^[A-Za-z][\w]{0,40}$/.test(key)) continue;
    if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : null;
    else if (typeof value === 'boolean' || value === null) out[key] = value;
    else if (typeof value === 'string' && codeKeys.has(key) && CODE.test(value)) out[key] = value;
    else if (key === 'frames' && typeof value === 'string' && isFrames(value)) out[key] = value;
    else if (value !== undefined) out[key] = REDACTED;
  }
  return out;
}

/**
 * Where an error came from, without what it said: its class name, code and stack frames (the
 * message, which may quote a student's name or a value, is left out; the home folder becomes ~).
 */
export function errorFields(err: unknown): LogFields {
  if (!(err instanceof Error)) return { errorName: typeof err };
  const home = homedir();
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim().replaceAll(home, '~'));
  const code = (err as { code?: unknown }).code;
  return {
    errorName: err.name,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    frames: frames.join(' | '),
  };
}
