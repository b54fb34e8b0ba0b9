import type { Failure, RequestInput, RequestName, RequestOutput, Result } from '../../../contract';
import { beacon, unreachable } from '../beacon';

/** A failed request as TanStack Query carries it: the backend's Failure, untouched. */
export class RequestError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'RequestError';
  }
}

/** The Failure inside whatever a query or mutation threw (a crash reads as unreachable). */
export function failureOf(error: unknown): Failure {
  return error instanceof RequestError ? error.failure : unreachable;
}

/**
 * Sends one request and answers its value, or throws a RequestError holding the Failure, so
 * TanStack Query sees failures as errors. A lost backend reads as `unreachable`.
 */
export async function ask<K extends RequestName>(
  name: K,
  input: RequestInput<K>,
): Promise<RequestOutput<K>> {
  const send = beacon[name] as unknown as (i: RequestInput<K>) => Promise<Result<RequestOutput<K>>>;
  const result = await send(input).catch((): Result<RequestOutput<K>> => unreachable);
  if (!result.ok) throw new RequestError(result);
  return result.value;
}
