import { newPassword } from '../../../contract/domains/auth';
import { BeaconError } from '../../../db';

/** The same field-error shape the dispatcher gives zod failures, so forms can place the message. */
const fieldError = (field: string, message: string, sentence: string) =>
  new BeaconError('INVALID_INPUT', sentence, [{ path: [field], message }]);

/**
 * Refuses a new password that breaks the rules (length, not only spaces, not the username).
 * The contract checks requests already; services check again for callers like the CLI.
 */
export function assertPasswordRules(password: string, username: string, field: string): void {
  const parsed = newPassword.safeParse(password);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'is not allowed';
    throw fieldError(field, message, `The password ${message}.`);
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    throw fieldError(
      field,
      'must not be the same as the username',
      'The password must not be the same as the username.',
    );
  }
}
