import type { School } from '../../../contract';
import { beacon } from '../beacon';
import { FailureAlert } from '../components/failure-alert';
import { Link } from '../router';
import { useLoad } from '../use-load';

const loadSchool = () => beacon.getSchool({});

/** Welcome page: names the school, or asks for its profile when there is none yet. */
export function HomePage() {
  const { result } = useLoad(loadSchool);
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        Welcome to Beacon
      </h1>
      {result === null ? (
        <p role="status">Loading…</p>
      ) : result.ok ? (
        <SchoolSummary school={result.value} />
      ) : (
        <FailureAlert failure={result} title="Beacon could not read the school profile" />
      )}
    </section>
  );
}

function SchoolSummary({ school }: { school: School | null }) {
  if (!school) {
    return (
      <div className="callout">
        <p>
          Beacon does not know which school it serves yet. Start by entering the school profile.
        </p>
        <Link to="/school" className="button">
          Set up the school profile
        </Link>
      </div>
    );
  }
  const place = [school.region, school.country].filter(Boolean).join(', ');
  return (
    <div className="callout">
      <p className="school-name">{school.name}</p>
      {place && <p className="muted">{place}</p>}
      <p>
        <Link to="/school">Edit the school profile</Link>
      </p>
    </div>
  );
}
