/**
 * A progress bar for assistive technology and the eye. `percent` null means the amount is not
 * known (the bar moves without a value, and no aria-valuenow is given, as ARIA asks).
 */
export function ProgressBar({
  labelledBy,
  percent,
  workingText,
}: {
  labelledBy: string;
  percent: number | null;
  /** Read out when the amount is not known, in the user's language. */
  workingText: string;
}) {
  return (
    <div
      role="progressbar"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? workingText : `${percent}%`}
      className={percent === null ? 'progress progress-indeterminate' : 'progress'}
    >
      {/* Set through the CSSOM, which the style-src policy allows (unlike a style attribute). */}
      <div
        className="progress-fill"
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
