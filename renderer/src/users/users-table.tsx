import { useTranslation } from 'react-i18next';
import type { User } from '../../../contract';
import { useFormat } from '../i18n/format';
import { isLocked } from './user-state';

interface Props {
  users: User[];
  onManage: (user: User) => void;
}

/** Every account with its role and state (words, not colour), each with a Manage button. */
export function UsersTable({ users, onManage }: Props) {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const { dateTime } = useFormat();
  return (
    <table>
      <caption>{t('list')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('column.name')}</th>
          <th scope="col">{t('column.username')}</th>
          <th scope="col">{t('column.role')}</th>
          <th scope="col">{t('column.state')}</th>
          <th scope="col">{t('column.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">{user.displayName}</th>
            <td>{user.username}</td>
            <td>{tc(`role.${user.role}`)}</td>
            <td>
              {user.disabled
                ? t('state.disabled')
                : isLocked(user)
                  ? t('state.locked', { until: dateTime(user.lockedUntil ?? '') })
                  : t('state.active')}
            </td>
            <td>
              <button
                type="button"
                onClick={() => onManage(user)}
                aria-label={t('manage', { name: user.displayName })}
              >
                {t('manageButton')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
