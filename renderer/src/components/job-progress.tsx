import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { beacon } from '../beacon';
import { ProgressBar } from './progress-bar';
import type { JobState } from './use-job-progress';

interface Props {
  jobId: string;
  state: JobState;
  /** The step in words, e.g. "Step 2 of 2: training the risk model". */
  step: string;
  /** Offers a Cancel button while the job runs (the backend stops it at its next checkpoint). */
  cancellable?: boolean;
}

/** A running job: its step, a progress bar, its latest message and, if allowed, Cancel. */
export function JobProgress({ jobId, state, step, cancellable = false }: Props) {
  const { t } = useTranslation();
  const stepId = useId();
  const [cancelling, setCancelling] = useState(false);
  const percent =
    state.stage === 'queued' || state.stage === 'started'
      ? 0
      : state.progress === null
        ? null
        : Math.round(state.progress * 100);
  return (
    <div className="job-progress">
      <p id={stepId} role="status" className="progress-step">
        {step}
      </p>
      <ProgressBar labelledBy={stepId} percent={percent} workingText={t('progress.working')} />
      <p className="muted progress-detail">{state.message ?? ''}</p>
      {cancellable && !state.finished && (
        <button
          type="button"
          disabled={cancelling}
          onClick={() => {
            setCancelling(true);
            void beacon.cancelJob({ jobId }).finally(() => setCancelling(false));
          }}
        >
          {cancelling ? t('progress.cancelling') : t('progress.cancel')}
        </button>
      )}
    </div>
  );
}
