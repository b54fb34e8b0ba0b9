import type { User } from '../../../contract';

/** Whether sign-in is refused now for failed attempts (a lock in the past has run out). */
export const isLocked = (user: User, now = Date.now()): boolean =>
  user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
