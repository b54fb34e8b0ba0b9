import type { Failure } from '../../contract';

/**
 * The per-field messages of an INVALID_INPUT failure (its details are `[{ path, message }]`),
 * keyed by the top-level field; the first message for a field wins. Anything else gives `{}`.
 */
export function fieldErrors(failure: Failure): Record<string, string> {
  const errors: Record<string, string> = {};
  if (failure.code !== 'INVALID_INPUT' || !Array.isArray(failure.details)) return errors;
  for (const issue of failure.details as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const field: unknown = Array.isArray(path) ? path[0] : undefined;
    if (typeof field === 'string' && typeof message === 'string' && !(field in errors)) {
      errors[field] = message;
    }
  }
  return errors;
}
