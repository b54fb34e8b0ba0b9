import type { ErrorCode } from '../contract';

/** An error whose message is fit for a user and whose code is stable across versions. */
export class BeaconError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'BeaconError';
  }
}
