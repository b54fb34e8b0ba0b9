import { createContext, useContext } from 'react';
import type { CurrentUser } from '../../contract';

export interface Session {
  user: CurrentUser;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** Who is signed in on this window. Only pages inside the signed-in shell may call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the signed-in shell');
  return session;
}
