import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { JobProgress } from '../../components/job-progress';
import { useJobProgress } from '../../components/use-job-progress';

interface Props {
  jobId: string;
  /** Called once the job has succeeded, failed or been cancelled. */
  onFinished: () => void;
}

/** A running sync job's progress; tells the page when it ends so the status is read again. */
export function SyncJob({ jobId, onFinished }: Props) {
  const { t } = useTranslation('sync');
  const state = useJobProgress(jobId, 'sync');
  useEffect(() => {
    if (state.finished) onFinished();
  }, [state.finished, onFinished]);
  if (state.finished) return null;
  return <JobProgress jobId={jobId} state={state} step={t('syncing')} />;
}
