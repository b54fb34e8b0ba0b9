import { useEffect, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { LeaveDialog } from './leave-dialog';

/**
 * While `dirty`, leaving the page (a link, the back key, closing the window) first asks whether
 * to drop the changes. Render what it returns: the question, when one is pending.
 */
export function useUnsavedChangesGuard(dirty: boolean): ReactNode {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  if (blocker.state !== 'blocked') return null;
  return <LeaveDialog onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} />;
}
