import { useCallback, useEffect, useState } from 'react';
import type { CurrentUser, Failure } from '../../contract';
import { beacon, unreachable } from './beacon';

/** Where this window stands: first run, signed out, or signed in as someone. */
export type SessionState =
  | { kind: 'loading' }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'setup'; schoolName: string | null }
  | { kind: 'signedOut' }
  | { kind: 'signedIn'; user: CurrentUser };

export interface SessionControls {
  state: SessionState;
  /** Called by the setup and sign-in pages with the answer of their request. */
  signedIn: (user: CurrentUser) => void;
  signOut: () => Promise<void>;
}

/** Asks the backend who this window's connection is, and whether the school needs setting up. */
async function loadSession(): Promise<SessionState> {
  const current = await beacon.currentUser({});
  if (!current.ok) return { kind: 'failed', failure: current };
  if (current.value) return { kind: 'signedIn', user: current.value };
  const status = await beacon.setupStatus({});
  if (!status.ok) return { kind: 'failed', failure: status };
  return status.value.needsSetup
    ? { kind: 'setup', schoolName: status.value.schoolName }
    : { kind: 'signedOut' };
}

/** The window's session. Each window has its own connection, so its own sign-in. */
export function useSessionState(): SessionControls {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    loadSession().then(
      (next) => current && setState(next),
      () => current && setState({ kind: 'failed', failure: unreachable }),
    );
    return () => {
      current = false;
    };
  }, []);

  const signedIn = useCallback((user: CurrentUser) => setState({ kind: 'signedIn', user }), []);
  const signOut = useCallback(async () => {
    await beacon.signOut({}).catch(() => null);
    setState({ kind: 'signedOut' });
  }, []);

  return { state, signedIn, signOut };
}
