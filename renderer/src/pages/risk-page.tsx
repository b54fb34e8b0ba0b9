import type { RiskList, RiskListEntry, RiskTier } from '../../../contract';
import { beacon } from '../beacon';
import { FailureAlert } from '../components/failure-alert';
import { useLoad } from '../use-load';

const loadRiskList = () => beacon.riskList({ limit: 50 });

const tierNames: Record<RiskTier, string> = {
  high: 'High risk',
  medium: 'Medium risk',
  low: 'Low risk',
};

const modelNames: Record<string, string> = {
  logistic: 'logistic regression',
  mlp: 'neural network',
  forest: 'random forest',
  boosting: 'gradient-boosted trees',
  ensemble: 'ensemble',
};

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' });

/**
 * The students most at risk of dropping out, highest first, each with the reasons in plain
 * words. A teacher's list holds only their own classes (the backend filters it).
 */
export function RiskPage() {
  const { result, loading } = useLoad(loadRiskList);
  return (
    <section aria-labelledby="risk-title" aria-busy={loading}>
      <h1 id="risk-title" tabIndex={-1}>
        At risk
      </h1>
      {result === null ? (
        <p role="status">Loading…</p>
      ) : result.ok ? (
        <RiskListView list={result.value} />
      ) : (
        <FailureAlert failure={result} title="Beacon could not read the risk list" />
      )}
    </section>
  );
}

function RiskListView({ list }: { list: RiskList }) {
  if (!list.model) {
    return (
      <div className="callout">
        <p>No risk model has been trained yet.</p>
        <p className="muted">
          Beacon trains one on the school&apos;s own history once it holds enough of it.
        </p>
      </div>
    );
  }
  return (
    <>
      <p className="muted">
        Scores from the {modelNames[list.model.kind] ?? list.model.kind} model trained on{' '}
        {day.format(new Date(list.model.createdAt))}.{' '}
        {list.entries.length < list.total
          ? `The ${list.entries.length} highest of ${list.total} students scored.`
          : `${list.total} students scored.`}
      </p>
      {list.entries.length === 0 ? (
        <p>No students to show.</p>
      ) : (
        <ol className="risk-list">
          {list.entries.map((entry) => (
            <RiskItem key={entry.studentId} entry={entry} />
          ))}
        </ol>
      )}
    </>
  );
}

function RiskItem({ entry }: { entry: RiskListEntry }) {
  const title = `risk-${entry.studentId}`;
  return (
    <li className="risk-item">
      <div className="risk-head">
        <h2 id={title} className="risk-name">
          {entry.name}
        </h2>
        <span className={`tier tier-${entry.tier}`}>{tierNames[entry.tier]}</span>
        <span className="risk-score">Risk {Math.round(entry.score * 100)}%</span>
      </div>
      <p className="muted risk-facts">
        Student number {entry.studentNumber} · Class {entry.className ?? 'none'}
      </p>
      {entry.factors.some((f) => f.kind !== 'data_gap') && (
        <ul className="risk-factors" aria-label={`Why ${entry.name} is flagged`}>
          {entry.factors
            .filter((f) => f.kind !== 'data_gap')
            .map((f) => (
              <li key={f.feature}>
                {f.text}
                {f.direction === 'lowers' ? ' (lowers the risk)' : ''}
              </li>
            ))}
        </ul>
      )}
    </li>
  );
}
