import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../contract';
import { ErrorNotice } from '../../components/error-notice';
import { conflicts } from '../../i18n/catalogs/conflicts';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../query/use-request';
import { differences, fieldWords } from './differences';

// The catalog names every synced table; a table it does not know shows as it is.
type TableKey = keyof typeof conflicts.en.table;
const isTableKey = (t: string): t is TableKey => Object.hasOwn(conflicts.en.table, t);

/** One conflict: the record it is about, what differs, and keep / bring back (or how it ended). */
export function ConflictCard({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation('conflicts');
  const format = useFormat();
  const resolve = useAction('resolveConflict');
  const diffs = differences(conflict);
  const table = isTableKey(conflict.table) ? t(`table.${conflict.table}`) : conflict.table;
  const headingId = `conflict-${conflict.id}`;
  const value = (v: unknown) =>
    v === null || v === undefined || v === '' ? t('empty') : String(v as string | number);
  return (
    <article className="conflict" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('heading', { table, date: format.dateTime(conflict.detectedAt) })}</h2>
      {conflict.resolution ? null : conflict.currentRow === null ? (
        <p>{t('gone')}</p>
      ) : diffs.length === 0 ? (
        <p>{t('noDifference')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('differs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('now')}</th>
              <th scope="col">{t('other')}</th>
            </tr>
          </thead>
          <tbody>
            {diffs.map((d) => (
              <tr key={d.field}>
                <th scope="row">{fieldWords(d.field)}</th>
                <td>{value(d.now)}</td>
                <td>{value(d.other)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resolve.isError && (
        <ErrorNotice failure={resolve.error.failure} title={t('resolveFailed')} />
      )}
      {conflict.resolution && conflict.resolvedAt ? (
        <p role="status">
          {t(`settled.${conflict.resolution}`, { date: format.dateTime(conflict.resolvedAt) })}
        </p>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            disabled={resolve.isPending}
            onClick={() => resolve.mutate({ conflictId: conflict.id, keep: 'kept' })}
          >
            {t('keep')}
          </button>
          <button
            type="button"
            disabled={resolve.isPending || conflict.currentRow === null}
            onClick={() => resolve.mutate({ conflictId: conflict.id, keep: 'restored' })}
          >
            {t('restore')}
          </button>
        </div>
      )}
    </article>
  );
}
