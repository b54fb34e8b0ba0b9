import type { TFunction } from 'i18next';
import type { Failure } from '../../contract';

/**
 * A refused sign-in in the user's words, from the reason the backend gives in `details`
 * (credentials, locked, disabled); null for any other failure, which ErrorNotice shows.
 */
export function signInRefusal(
  failure: Failure,
  t: TFunction<'signIn'>,
  language: string,
): string | null {
  if (failure.code !== 'UNAUTHENTICATED') return null;
  const details = (failure.details ?? {}) as { reason?: unknown; lockedUntil?: unknown };
  switch (details.reason) {
    case 'credentials':
      return t('wrong');
    case 'disabled':
      return t('disabled');
    case 'locked': {
      const until = typeof details.lockedUntil === 'string' ? new Date(details.lockedUntil) : null;
      const time =
        until && !Number.isNaN(until.getTime())
          ? new Intl.DateTimeFormat(language, {
              hour: '2-digit',
              minute: '2-digit',
              hourCycle: 'h23',
            }).format(until)
          : '';
      return t('locked', { time });
    }
    default:
      return null;
  }
}
