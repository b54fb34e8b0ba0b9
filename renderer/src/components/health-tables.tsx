import { useTranslation } from 'react-i18next';
import type { Health } from '../../../contract';
import { useFormat } from '../i18n/format';

/** The health answer as two tables: the app and its database, then live row counts. */
export function HealthTables({ health }: { health: Health }) {
  const { t } = useTranslation('health');
  const format = useFormat();
  const size =
    health.databaseSizeBytes < 1024 * 1024
      ? t('kilobytes', { value: format.number(health.databaseSizeBytes / 1024) })
      : t('megabytes', { value: format.number(health.databaseSizeBytes / (1024 * 1024), 1) });
  // A teacher gets neither the file's path nor the school-wide counts (of tables or audit
  // entries): those rows are left out, and the audit log reads as intact or not, uncounted.
  const facts: [string, string, string?][] = [
    [t('appVersion'), health.appVersion],
    [t('schemaVersion'), String(health.schemaVersion)],
    ...(health.databasePath === null
      ? []
      : [[t('databasePath'), health.databasePath, 'path'] as [string, string, string]]),
    [t('databaseSize'), size],
    [t('journalMode'), health.journalMode],
    [
      t('auditLog'),
      !health.auditLog.intact
        ? t('auditAltered', { id: health.auditLog.brokenAt ?? '?' })
        : health.auditLog.entries === null
          ? t('auditIntactUncounted')
          : t('auditIntact', { entries: format.number(health.auditLog.entries) }),
    ],
    [t('school'), health.school?.name ?? t('notSetUp')],
  ];
  return (
    <div className="health">
      <table>
        <caption>{t('application')}</caption>
        <tbody>
          {facts.map(([name, value, className]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className={className}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {health.counts && (
        <table>
          <caption>{t('rowCounts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table')}</th>
              <th scope="col" className="number">
                {t('rows')}
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(health.counts).map(([table, count]) => (
              <tr key={table}>
                {/* Table names are the database's own, the same in every language. */}
                <th scope="row">{table.replaceAll('_', ' ')}</th>
                <td className="number">{format.number(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
