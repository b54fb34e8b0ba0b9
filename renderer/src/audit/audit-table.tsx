import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../contract';
import { useFormat } from '../i18n/format';
import { entryChanges } from './entry-changes';

/** Changes listed per entry before the rest is summed up, so a wide row stays readable. */
const SHOWN_CHANGES = 6;

/** Audit entries, newest first: when, who, what and the fields that changed. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation('audit');
  const { dateTime } = useFormat();
  return (
    <table className="audit-table">
      <caption>{t('table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('column.at')}</th>
          <th scope="col">{t('column.who')}</th>
          <th scope="col">{t('column.action')}</th>
          <th scope="col">{t('column.entity')}</th>
          <th scope="col">{t('column.changes')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const changes = entryChanges(entry.before, entry.after);
          return (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.at}>{dateTime(entry.at)}</time>
              </td>
              <td>
                {entry.displayName ??
                  entry.username ??
                  (entry.action === 'login' ? t('nobody') : t('system'))}
              </td>
              <td>{t(`action.${entry.action}`)}</td>
              <td>
                <code>{entry.entity}</code>
              </td>
              <td>
                <ul className="changes">
                  {changes.slice(0, SHOWN_CHANGES).map((c) => (
                    <li key={c.field}>
                      <code>{c.field}</code>
                      {': '}
                      {c.before !== null && <del>{c.before}</del>}
                      {c.before !== null && c.after !== null && ` ${t('arrow')} `}
                      {c.after !== null && <ins>{c.after}</ins>}
                    </li>
                  ))}
                  {changes.length > SHOWN_CHANGES && (
                    <li>{t('moreChanges', { n: changes.length - SHOWN_CHANGES })}</li>
                  )}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
