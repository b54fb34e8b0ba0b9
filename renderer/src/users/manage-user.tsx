import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, Role, User } from '../../../contract';
import { roles } from '../../../contract/spec';
import { ErrorNotice } from '../components/error-notice';
import { ask, failureOf } from '../query/ask';
import { ResetPasswordForm } from './reset-password-form';
import { isLocked } from './user-state';

interface Props {
  user: User;
  onClose: () => void;
}

/**
 * What an administrator does to one account: change its role, disable or enable it, lift a
 * lockout, set a new password. Each is one request; the list refreshes from `dataChanged`.
 */
export function ManageUser({ user, onClose }: Props) {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const [role, setRole] = useState<Role>(user.role);
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening the panel moves focus to it, so keyboard and screen-reader users land on its actions.
  useEffect(() => heading.current?.focus(), []);

  async function act(run: () => Promise<unknown>, success: string) {
    setBusy(true);
    setFailure(null);
    setDone('');
    try {
      await run();
      setDone(success);
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  }

  const roleId = `manage-role-${user.id}`;
  return (
    <section className="callout manage-user" aria-labelledby={`manage-${user.id}`}>
      <h2 id={`manage-${user.id}`} ref={heading} tabIndex={-1}>
        {t('edit.heading', { name: user.displayName })}
      </h2>
      {failure && <ErrorNotice failure={failure} title={t('edit.failed')} />}
      <div className="field-row">
        <div className="field">
          <label htmlFor={roleId}>{t('edit.role')}</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {tc(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-actions">
        <button
          type="button"
          disabled={busy || role === user.role}
          onClick={() =>
            void act(() => ask('updateUser', { id: user.id, role }), t('edit.roleSaved'))
          }
        >
          {t('edit.saveRole')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(
              () => ask('updateUser', { id: user.id, disabled: !user.disabled }),
              user.disabled ? t('edit.enabled') : t('edit.disabled', { name: user.displayName }),
            )
          }
        >
          {user.disabled ? t('edit.enable') : t('edit.disable')}
        </button>
        {isLocked(user) && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => ask('unlockUser', { id: user.id }), t('edit.unlocked'))}
          >
            {t('edit.unlock')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => setResetting(true)}>
          {t('edit.reset')}
        </button>
        <button type="button" onClick={onClose}>
          {t('edit.close')}
        </button>
      </div>
      {resetting && (
        <ResetPasswordForm
          user={user}
          onDone={() => {
            setResetting(false);
            setDone(t('edit.resetDone'));
          }}
        />
      )}
      <p role="status">{done}</p>
    </section>
  );
}
