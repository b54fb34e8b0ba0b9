import type { UpdateStatus } from '../../../contract';

/**
 * Why an update may not be installed now, or null when it may: only a downloaded, verified
 * update, and never while a job (training, the demo school) is running, because the restart
 * would cut it off.
 */
export function installRefusal(status: UpdateStatus, runningJobs: number): string | null {
  if (status.phase !== 'ready' || status.version === null) {
    return 'No verified update is ready to install: check for updates first.';
  }
  if (runningJobs > 0) {
    return 'Beacon is busy with a task (training or loading data); install the update when it has finished.';
  }
  return null;
}
