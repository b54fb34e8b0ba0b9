import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice';
import { JobProgress } from '../../components/job-progress';
import { useJobProgress } from '../../components/use-job-progress';
import { useAction } from '../../query/use-request';

const steps = [
  'queued',
  'examples',
  'prepare',
  'validate',
  'select',
  'final',
  'package',
  'registering',
  'scoring',
  'succeeded',
  'failed',
  'cancelled',
] as const;
type Step = (typeof steps)[number];
const isStep = (s: string): s is Step => (steps as readonly string[]).includes(s);

/**
 * Follows one training job with progress and Cancel, then says how it ended. `joined`: the
 * retrain request found this job already queued or running and queued no other.
 */
export function TrainingJob({ jobId, joined = false }: { jobId: string; joined?: boolean }) {
  const { t } = useTranslation('models');
  const state = useJobProgress(jobId, 'train');
  const stage = state.stage === 'started' || state.stage === 'running' ? 'queued' : state.stage;
  const step = isStep(stage) ? t(`retrain.step.${stage}`) : t('retrain.step.validate');
  return (
    <section aria-labelledby="models-retrain" className="callout">
      <h2 id="models-retrain">{t('retrain.title')}</h2>
      {joined && <p role="status">{t('retrain.alreadyUnderWay')}</p>}
      <JobProgress jobId={jobId} state={state} step={step} cancellable />
      {state.stage === 'succeeded' && <p role="status">{t('retrain.done')}</p>}
      {state.stage === 'cancelled' && <p role="status">{t('retrain.cancelled')}</p>}
      {state.stage === 'failed' && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t('retrain.failed')}</p>
          {state.message && <p lang="en">{state.message}</p>}
        </div>
      )}
    </section>
  );
}

/** "Retrain now": queues a training job and hands its id over. */
export function RetrainButton({
  running,
  onStarted,
}: {
  running: boolean;
  onStarted: (jobId: string, alreadyUnderWay: boolean) => void;
}) {
  const { t } = useTranslation('models');
  const train = useAction('trainModel', {
    onSuccess: (started) => onStarted(started.jobId, started.alreadyUnderWay),
  });
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={train.isPending || running}
        onClick={() => train.mutate({})}
      >
        {t('retrain.button')}
      </button>
      {train.isError && <ErrorNotice failure={train.error.failure} title={t('retrain.failed')} />}
    </>
  );
}
