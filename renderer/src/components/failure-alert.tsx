import type { Failure } from '../../../contract';

/** A failed request, shown as the backend phrased it (its messages are written for users). */
export function FailureAlert({ failure, title }: { failure: Failure; title: string }) {
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{title}</p>
      <p>{failure.message}</p>
      <p className="alert-code">Error code: {failure.code}</p>
    </div>
  );
}
