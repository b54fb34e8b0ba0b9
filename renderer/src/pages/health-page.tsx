import { beacon } from '../beacon';
import { FailureAlert } from '../components/failure-alert';
import { HealthTables } from '../components/health-tables';
import { useLoad } from '../use-load';

const loadHealth = () => beacon.health({});

/** What the backend reports about itself; refreshes by hand and whenever data changes. */
export function HealthPage() {
  const { result, loading, reload } = useLoad(loadHealth);
  return (
    <section aria-labelledby="health-title" aria-busy={loading}>
      <div className="page-heading">
        <h1 id="health-title" tabIndex={-1}>
          Health
        </h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <p role="status" className="muted">
        {loading ? 'Checking…' : ''}
      </p>
      {result &&
        (result.ok ? (
          <HealthTables health={result.value} />
        ) : (
          <FailureAlert failure={result} title="Beacon could not check its health" />
        ))}
    </section>
  );
}
