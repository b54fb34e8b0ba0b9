import { useEffect, useRef, useState } from 'react';
import type { CurrentUser, DemoSchoolStarted, JobView } from '../../../contract';
import { beacon } from '../beacon';
import { ProgressBar } from './progress-bar';

interface Progress {
  stage: string;
  progress: number | null;
  message?: string | undefined;
}

const steps: Record<string, string> = {
  queued: 'Getting ready…',
  started: 'Getting ready…',
  retrying: 'Trying again…',
  writing: "Step 1 of 2: writing the school's history",
  training: 'Step 2 of 2: training the risk model',
  succeeded: 'Done: opening Beacon…',
};

/** A job as listJobs reports it, in the shape of its jobProgress events. */
function progressOf(job: JobView): Progress {
  if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') {
    return { stage: job.status, progress: null, message: job.error ?? undefined };
  }
  const last = job.progress as Partial<Progress> | null;
  return {
    stage: typeof last?.stage === 'string' ? last.stage : job.status,
    progress: typeof last?.progress === 'number' ? last.progress : null,
    message: typeof last?.message === 'string' ? last.message : undefined,
  };
}

interface Props {
  started: DemoSchoolStarted;
  /** Called once the job has succeeded, or when the user goes on after a failure. */
  onDone: (user: CurrentUser) => void;
}

/** Follows the 'demo' job by its jobProgress events until the school is written and scored. */
export function DemoProgress({ started, onDone }: Props) {
  const [progress, setProgress] = useState<Progress>({ stage: 'queued', progress: 0 });
  const heading = useRef<HTMLHeadingElement>(null);
  const failed = progress.stage === 'failed' || progress.stage === 'cancelled';

  useEffect(() => {
    document.title = 'Loading the demo school · Beacon';
    heading.current?.focus();
  }, []);

  useEffect(() => {
    let heard = false;
    const off = beacon.on('jobProgress', (p) => {
      if (p.jobId !== started.jobId) return;
      heard = true;
      setProgress({ stage: p.stage, progress: p.progress, message: p.message });
    });
    // Events sent before this view subscribed are gone: start from the job's stored state.
    beacon
      .listJobs({ kind: 'demo', limit: 10 })
      .then((result) => {
        const job = result.ok ? result.value.find((j) => j.id === started.jobId) : undefined;
        if (job && !heard) setProgress(progressOf(job));
      })
      .catch(() => {});
    return off;
  }, [started.jobId]);

  useEffect(() => {
    if (progress.stage === 'succeeded') onDone(started.user);
  }, [progress.stage, onDone, started.user]);

  const step = steps[progress.stage] ?? progress.stage;
  const percent =
    progress.stage === 'queued' || progress.stage === 'started'
      ? 0
      : progress.progress === null
        ? null
        : Math.round(progress.progress * 100);

  return (
    <section aria-labelledby="demo-progress-title">
      <h1 id="demo-progress-title" tabIndex={-1} ref={heading}>
        Loading the demo school
      </h1>
      {failed ? (
        <>
          <div role="alert" className="alert alert-error">
            <p className="alert-title">The demo school did not finish loading</p>
            <p>{progress.message ?? 'The job stopped without saying why.'}</p>
          </div>
          <p>
            You are signed in as {started.user.displayName}. What was written before the job stopped
            stays in Beacon.
          </p>
          <button type="button" onClick={() => onDone(started.user)}>
            Continue to Beacon
          </button>
        </>
      ) : (
        <div className="callout">
          <p className="muted">
            Beacon is inventing three years of a school&apos;s life, saving it as staff would, and
            then training a risk model on it. This takes a few minutes on a slow laptop.
          </p>
          <p id="demo-step" role="status" className="progress-step">
            {step}
          </p>
          <ProgressBar labelledBy="demo-step" percent={percent} />
          <p className="muted progress-detail">{progress.message ?? ''}</p>
        </div>
      )}
    </section>
  );
}
