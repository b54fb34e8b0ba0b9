import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ErrorNotice } from './components/error-notice';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { SessionContext, type Session } from './session';
import { useSessionState } from './session-state';
import { createAppRouter } from './shell/app-router';
import { Frame } from './shell/frame';

/** The window: first-run setup, then sign-in, then the app for whoever is signed in. */
export function App() {
  const { state, signedIn, signOut } = useSessionState();
  const { t } = useTranslation();
  const { t: ts } = useTranslation('setup');
  const { t: tsi } = useTranslation('signIn');
  const { t: tsh } = useTranslation('shell');
  const queries = useQueryClient();
  // One router per window, kept across sign-outs so its history listener is set up once.
  const [router] = useState(createAppRouter);

  const endSession = useCallback(async () => {
    await signOut();
    // Nothing read for the last person stays in memory for the next.
    queries.clear();
    window.location.hash = '#/';
  }, [signOut, queries]);
  const user = state.kind === 'signedIn' ? state.user : null;
  const session = useMemo<Session | null>(
    () => (user ? { user, signOut: endSession } : null),
    [user, endSession],
  );

  switch (state.kind) {
    case 'loading':
      return (
        <Frame title={null}>
          <p role="status">{t('loading')}</p>
        </Frame>
      );
    case 'failed':
      return (
        <Frame title={null}>
          <ErrorNotice failure={state.failure} title={tsh('startFailed')} />
        </Frame>
      );
    case 'setup':
      return (
        <Frame title={ts('title')}>
          <SetupPage schoolName={state.schoolName} onDone={signedIn} />
        </Frame>
      );
    case 'signedOut':
      return (
        <Frame title={tsi('title')}>
          <SignInPage onSignedIn={signedIn} />
        </Frame>
      );
    case 'signedIn':
      return (
        <SessionContext.Provider value={session}>
          <RouterProvider router={router} />
        </SessionContext.Provider>
      );
  }
}
