/**
 * Why a modelling step refused to go on. `code` is stable so the backend can map it to its own
 * error codes (bad data → INVALID_INPUT, a damaged artifact → INTERNAL, cancelled → a job state).
 */
export type ModelErrorCode =
  'INVALID_DATA' | 'INVALID_OPTIONS' | 'ARTIFACT_INVALID' | 'ARTIFACT_CHECKSUM' | 'CANCELLED';

/** An error from the modelling core whose message names what is wrong. */
export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** The error a cancelled training run rejects with. */
export function cancelledError(): ModelError {
  return new ModelError('CANCELLED', 'Training was cancelled.');
}

/** True for the error a cancelled training run rejects with, also after crossing a worker. */
export function isCancelled(error: unknown): boolean {
  return error instanceof ModelError && error.code === 'CANCELLED';
}
