import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { CreateUserForm } from '../users/create-user-form';
import { ManageUser } from '../users/manage-user';
import { UsersTable } from '../users/users-table';

/** Accounts and roles, for administrators: the list, managing one account, a new account. */
export function UsersPage() {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const users = useRequest('listUsers', {});
  const [managing, setManaging] = useState<string | null>(null);
  const managed = users.data?.find((u) => u.id === managing);
  return (
    <Page
      heading={t('title')}
      lead={t('lead')}
      busy={users.isFetching}
      actions={
        // Failed sign-ins lock accounts without a data change event: Refresh shows them.
        <button type="button" onClick={() => void users.refetch()}>
          {tc('refresh')}
        </button>
      }
    >
      {users.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : users.isError ? (
        <ErrorNotice failure={failureOf(users.error)} title={t('readFailed')} />
      ) : (
        <UsersTable users={users.data} onManage={(u) => setManaging(u.id)} />
      )}
      {managed && (
        // Keyed by account, so switching accounts starts from that account's saved state.
        <ManageUser key={managed.id} user={managed} onClose={() => setManaging(null)} />
      )}
      <h2>{t('create.heading')}</h2>
      <CreateUserForm />
    </Page>
  );
}
