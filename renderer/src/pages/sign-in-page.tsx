import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser, Failure } from '../../../contract';
import { beacon, unreachable } from '../beacon';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { signInRefusal } from '../sign-in-refusal';

type Problem = { kind: 'empty' } | { kind: 'failed'; failure: Failure };

/** Username and password; says why a sign-in was refused (wrong, locked, disabled). */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
  const { t, i18n } = useTranslation('signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordBox = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setProblem({ kind: 'empty' });
      return;
    }
    setBusy(true);
    setProblem(null);
    const result = await beacon.signIn({ username, password }).catch(() => unreachable);
    setBusy(false);
    if (result.ok) return onSignedIn(result.value);
    setProblem({ kind: 'failed', failure: result });
    setPassword('');
    passwordBox.current?.querySelector('input')?.focus();
  }

  const refusal =
    problem?.kind === 'empty'
      ? t('empty')
      : problem && signInRefusal(problem.failure, t, i18n.language);
  return (
    <Page heading={t('title')}>
      <form
        aria-label={t('title')}
        className="narrow-form"
        noValidate
        onSubmit={(e) => void submit(e)}
      >
        {refusal ? (
          <div role="alert" className="alert alert-error">
            <p className="alert-title">{t('notSignedIn')}</p>
            <p>{refusal}</p>
          </div>
        ) : (
          problem?.kind === 'failed' && (
            <ErrorNotice failure={problem.failure} title={t('notSignedIn')} />
          )
        )}
        <TextField
          name="username"
          label={t('username')}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          maxLength={64}
        />
        <div ref={passwordBox}>
          <TextField
            name="password"
            label={t('password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
