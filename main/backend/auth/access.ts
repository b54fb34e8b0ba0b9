import type { Access, Failure } from '../../../contract';
import type { Session } from './session';

/**
 * Checks a request's access rule (the contract's `access`: public, any signed-in user, or a list
 * of roles) against the caller's session; null when allowed. The dispatcher asks it before any
 * handler runs; which rows a caller may then see is scope.ts's.
 */
export function accessFailure(access: Access, session: Session | null): Failure | null {
  if (access === 'public') return null;
  if (!session) {
    return { ok: false, code: 'UNAUTHENTICATED', message: 'Please sign in first.' };
  }
  if (access !== 'user' && !access.includes(session.role)) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: `Your role (${session.role.replace('_', ' ')}) does not allow this.`,
    };
  }
  return null;
}
