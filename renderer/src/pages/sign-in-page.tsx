import { useRef, useState, type FormEvent } from 'react';
import type { CurrentUser, Failure } from '../../../contract';
import { beacon, unreachable } from '../beacon';
import { TextField } from '../components/text-field';

/** Username and password; shows the backend's answer as it is (wrong, locked, disabled). */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordBox = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setFailure({
        ok: false,
        code: 'INVALID_INPUT',
        message: 'Enter your username and password.',
      });
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await beacon.signIn({ username, password }).catch(() => unreachable);
    setBusy(false);
    if (result.ok) return onSignedIn(result.value);
    setFailure(result);
    setPassword('');
    passwordBox.current?.querySelector('input')?.focus();
  }

  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" tabIndex={-1}>
        Sign in
      </h1>
      <form
        aria-label="Sign in"
        className="narrow-form"
        noValidate
        onSubmit={(e) => void submit(e)}
      >
        {failure && (
          <div role="alert" className="alert alert-error">
            <p className="alert-title">You are not signed in</p>
            <p>{failure.message}</p>
          </div>
        )}
        <TextField
          name="username"
          label="Username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          maxLength={64}
        />
        <div ref={passwordBox}>
          <TextField
            name="password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}
