import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { ConflictCard } from './conflicts/conflict-card';

/**
 * Versions a sync merge did not keep, for a head teacher or administrator to settle one by one:
 * keep the current version or bring back the lost one, seeing what differs first.
 */
export function ConflictsPage() {
  const { t } = useTranslation('conflicts');
  const [includeResolved, setIncludeResolved] = useState(false);
  const list = useRequest('listConflicts', { includeResolved });
  const settledId = useId();
  return (
    <Page heading={t('title')} lead={t('lead')} busy={list.isFetching}>
      <div className="field check-field">
        <input
          id={settledId}
          type="checkbox"
          checked={includeResolved}
          onChange={(e) => setIncludeResolved(e.target.checked)}
        />
        <label htmlFor={settledId}>{t('showSettled')}</label>
      </div>
      {list.isError && <ErrorNotice failure={failureOf(list.error)} title={t('failed')} />}
      {list.data && list.data.length === 0 && <p role="status">{t('none')}</p>}
      {list.data && list.data.length > 0 && (
        <section aria-label={t('list')}>
          {list.data.map((c) => (
            <ConflictCard key={c.id} conflict={c} />
          ))}
        </section>
      )}
    </Page>
  );
}
