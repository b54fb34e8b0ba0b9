import { beacon } from '../beacon';
import { FailureAlert } from '../components/failure-alert';
import { SchoolForm } from '../components/school-form';
import { useLoad } from '../use-load';

const loadSchool = () => beacon.getSchool({});

/** The school profile form, filled in from the saved profile once it has loaded. */
export function SchoolPage() {
  const { result } = useLoad(loadSchool);
  return (
    <section aria-labelledby="school-title">
      <h1 id="school-title" tabIndex={-1}>
        School profile
      </h1>
      <p className="muted">One Beacon database serves one school. These details name it.</p>
      {result === null ? (
        <p role="status">Loading…</p>
      ) : result.ok ? (
        <SchoolForm school={result.value} />
      ) : (
        <FailureAlert failure={result} title="Beacon could not read the school profile" />
      )}
    </section>
  );
}
