import { Link } from '../router';

export function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title" tabIndex={-1}>
        Page not found
      </h1>
      <p>
        There is no page here. <Link to="/">Go to the home page</Link>.
      </p>
    </section>
  );
}
