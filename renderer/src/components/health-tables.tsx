import type { Health } from '../../../contract';

const formatBytes = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(0)} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The health answer as two tables: the app and its database, then live row counts. */
export function HealthTables({ health }: { health: Health }) {
  // Teachers get neither the file's path nor the school-wide counts: those rows are left out.
  const facts: [string, string][] = [
    ['App version', health.appVersion],
    ['Schema version', String(health.schemaVersion)],
    ...(health.databasePath === null
      ? []
      : [['Database path', health.databasePath] as [string, string]]),
    ['Database size', formatBytes(health.databaseSizeBytes)],
    ['Journal mode', health.journalMode],
    ['School', health.school?.name ?? 'Not set up yet'],
  ];
  return (
    <div className="health">
      <table>
        <caption>Application</caption>
        <tbody>
          {facts.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className={name === 'Database path' ? 'path' : undefined}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {health.counts && (
        <table>
          <caption>Row counts</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" className="number">
                Rows
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(health.counts).map(([table, count]) => (
              <tr key={table}>
                <th scope="row">{table.replaceAll('_', ' ')}</th>
                <td className="number">{count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
