import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser, DemoSchoolStarted, ProgressStep } from '../../../contract';
import { useFormat } from '../i18n/format';
import { useDocumentTitle } from './use-document-title';
import { JobProgress } from './job-progress';
import { useJobProgress } from './use-job-progress';

interface Props {
  started: DemoSchoolStarted;
  /** Called once the job has succeeded, or when the user goes on after a failure. */
  onDone: (user: CurrentUser) => void;
}

const knownSteps = ['queued', 'retrying', 'writing', 'training', 'succeeded'] as const;
type Step = (typeof knownSteps)[number];
const isStep = (s: string): s is Step => (knownSteps as readonly string[]).includes(s);

/** The job's step in the reader's language: the backend sends a code and its numbers. */
export function stepText(
  t: (key: string, options?: Record<string, unknown>) => string,
  step: ProgressStep,
  formatDate: (date: string) => string,
): string {
  switch (step.code) {
    case 'writing':
      return t('demo.detail.writing', { date: formatDate(step.date) });
    case 'history':
      return step.examples === null
        ? t('demo.detail.historyStart')
        : t('demo.detail.history', { count: step.examples });
    case 'candidate':
      return t('demo.detail.candidate', { at: step.at, of: step.of });
    default:
      return t(`demo.detail.${step.code}`);
  }
}

/** Follows the 'demo' job by its jobProgress events until the school is written and scored. */
export function DemoProgress({ started, onDone }: Props) {
  const { t } = useTranslation('setup');
  const format = useFormat();
  const state = useJobProgress(started.jobId, 'demo');
  const heading = useRef<HTMLHeadingElement>(null);
  const failed = state.stage === 'failed' || state.stage === 'cancelled';
  useDocumentTitle(t('demo.loading'));

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    if (state.stage === 'succeeded') onDone(started.user);
  }, [state.stage, onDone, started.user]);

  const stage = state.stage === 'started' ? 'queued' : state.stage;
  // An unknown stage is the backend's own word for it: better than nothing.
  const step = isStep(stage) ? t(`demo.step.${stage}`) : stage;
  // The detail line in the reader's language; the backend's English only for an older job.
  const say = (key: string, options?: Record<string, unknown>): string =>
    String(t(key as never, options as never));
  const detail = state.step ? stepText(say, state.step, format.date) : state.message;

  return (
    <section aria-labelledby="demo-progress-title">
      <h1 id="demo-progress-title" tabIndex={-1} ref={heading}>
        {t('demo.loading')}
      </h1>
      {failed ? (
        <>
          <div role="alert" className="alert alert-error">
            <p className="alert-title">{t('demo.failed')}</p>
            <p>{state.message ?? t('demo.noReason')}</p>
          </div>
          <p>{t('demo.signedInAs', { name: started.user.displayName })}</p>
          <button type="button" onClick={() => onDone(started.user)}>
            {t('demo.continue')}
          </button>
        </>
      ) : (
        <div className="callout">
          <p className="muted">{t('demo.explain')}</p>
          <JobProgress jobId={started.jobId} state={{ ...state, message: detail }} step={step} />
        </div>
      )}
    </section>
  );
}
