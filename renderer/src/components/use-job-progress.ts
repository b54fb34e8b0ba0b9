import { useEffect, useState } from 'react';
import type { JobView, ProgressStep } from '../../../contract';
import { beacon } from '../beacon';

export interface JobState {
  stage: string;
  /** 0-1, or null when the job cannot tell. */
  progress: number | null;
  message?: string | undefined;
  /** The step as a code to say in the reader's language, when the job gives one. */
  step?: ProgressStep | undefined;
  /** True once the job succeeded, failed or was cancelled. */
  finished: boolean;
}

const endStages = new Set(['succeeded', 'failed', 'cancelled']);

/** A job as listJobs reports it, in the shape of its jobProgress events. */
export function jobStateOf(job: JobView): JobState {
  if (endStages.has(job.status)) {
    return { stage: job.status, progress: null, message: job.error ?? undefined, finished: true };
  }
  const last = job.progress as {
    stage?: unknown;
    progress?: unknown;
    message?: unknown;
    step?: ProgressStep;
  } | null;
  return {
    stage: typeof last?.stage === 'string' ? last.stage : job.status,
    progress: typeof last?.progress === 'number' ? last.progress : null,
    message: typeof last?.message === 'string' ? last.message : undefined,
    step: typeof last?.step?.code === 'string' ? last.step : undefined,
    finished: false,
  };
}

/**
 * Follows one job by its jobProgress events, starting from its stored state (events sent before
 * the view subscribed are gone). `kind` narrows the listJobs look-up.
 */
export function useJobProgress(jobId: string, kind: string): JobState {
  const [state, setState] = useState<JobState>({ stage: 'queued', progress: 0, finished: false });
  useEffect(() => {
    let heard = false;
    const off = beacon.on('jobProgress', (p) => {
      if (p.jobId !== jobId) return;
      heard = true;
      setState({
        stage: p.stage,
        progress: p.progress,
        message: p.message,
        step: p.step,
        finished: endStages.has(p.stage),
      });
    });
    beacon
      .listJobs({ kind, limit: 20 })
      .then((result) => {
        const job = result.ok ? result.value.find((j) => j.id === jobId) : undefined;
        if (job && !heard) setState(jobStateOf(job));
      })
      .catch(() => {});
    return off;
  }, [jobId, kind]);
  return state;
}
