import type { BeaconApi } from '../../../contract';
import { localToday, startBackend, type Backend } from '../../backend/backend';
import type { TrainJobPayload } from '../../backend/training/train-job';
import { enqueueOnce, getJob } from '../../backend/jobs/queue';
import { defaultDatabasePath } from '../../backend/paths';
import { currentSchool } from '../../backend/services/school';
import { inProcessApi, systemSession } from '../../backend/transport/in-process';
import type { Command, Output } from '../command';

const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : 'n/a');
const num = (x: unknown) => (typeof x === 'number' ? x.toFixed(3) : 'n/a');

/** Prints the live model's metrics and the highest-risk students with their top factors. */
export async function printTraining(api: BeaconApi, out: Output, top: number): Promise<void> {
  const versions = await api.listModelVersions({});
  if (versions.ok) {
    const v = versions.value[0];
    if (v) {
      const held = v.metrics.heldOut as Record<string, unknown> | undefined;
      const tiers = held?.tiers as { high?: { precision?: number; recall?: number } } | undefined;
      out.log(`\nModel ${v.id} (${v.kind}) is ${v.status}: ${v.statusReason ?? ''}`);
      out.log(
        `  held-out ROC-AUC ${num(held?.rocAuc)}, PR-AUC ${num(held?.prAuc)}, Brier ${num(held?.brier)}; ` +
          `high tier precision ${pct(tiers?.high?.precision)}, recall ${pct(tiers?.high?.recall)}`,
      );
      const temporal = v.metrics.temporal as {
        rocAuc?: number;
        trainedOn?: { to: string };
        judgedOn?: { from: string };
      } | null;
      out.log(
        temporal
          ? `  on a later period (trained up to ${temporal.trainedOn?.to ?? '?'}, judged from ${temporal.judgedOn?.from ?? '?'}): ROC-AUC ${num(temporal.rocAuc)}`
          : '  on a later period: not enough history yet (two school years with known outcomes are needed)',
      );
      const fairness = held?.fairness as
        Record<string, { largestGap?: { metric: string; gap: number } | null }> | undefined;
      for (const [group, report] of Object.entries(fairness ?? {})) {
        if (report.largestGap)
          out.log(
            `  fairness by ${group}: largest gap ${report.largestGap.metric} ${num(report.largestGap.gap)}`,
          );
      }
    }
  }
  const list = await api.riskList({ limit: top });
  if (!list.ok) {
    out.error(list.message);
    return;
  }
  out.log(
    `\nThe ${Math.min(top, list.value.total)} students at highest risk (of ${list.value.total} scored):`,
  );
  for (const e of list.value.entries) {
    out.log(
      `  ${(e.score * 100).toFixed(0).padStart(3)}% ${e.tier.padEnd(6)} ${e.studentNumber} ${e.name} (${e.className ?? 'no class'})`,
    );
    for (const f of e.factors)
      out.log(`         ${f.kind === 'data_gap' ? '(gap)' : '-'} ${f.text}`);
  }
}

/**
 * Runs a training job now, in this process, then prints the result; the exit code says whether
 * it succeeded.
 */
export async function trainNowAndReport(
  backend: Backend,
  payload: TrainJobPayload,
  out: Output,
): Promise<number> {
  // A job left by a run that crashed is picked up, not duplicated; and this run waits for
  // exactly that job, never another one queued before it.
  const jobId = enqueueOnce(backend.context.db, 'train', payload, {
    schoolId: payload.schoolId,
    maxAttempts: 2,
  });
  await backend.jobs.runOnce(jobId);
  const job = getJob(backend.context.db, jobId);
  if (job?.status === 'running') {
    out.error('Another Beacon process is running this training now; try again when it finishes.');
    return 1;
  }
  if (job?.status !== 'succeeded') {
    const retry = job?.status === 'queued' ? ' It will be tried again later.' : '';
    const why = job?.error?.replace(/\.$/, '') ?? `the job is ${job?.status ?? 'gone'}`;
    out.error(`Training failed: ${why}.${retry}`);
    return 1;
  }
  await printTraining(inProcessApi(backend, systemSession), out, 20);
  return 0;
}

export const train: Command = {
  name: 'train',
  summary: "train a new risk model on the school's history now, and show the result",
  usage: 'beacon train --db PATH [--today YYYY-MM-DD]',
  options: { db: { type: 'string' }, today: { type: 'string' } },
  async run({ values }, out) {
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    const today = typeof values.today === 'string' ? values.today : localToday();
    const backend = await startBackend({ dbPath, today: () => today });
    try {
      const school = currentSchool(backend.context.db);
      if (!school) {
        out.error('Set up the school profile first.');
        return 1;
      }
      return await trainNowAndReport(
        backend,
        { schoolId: school.id, trigger: 'command line' },
        out,
      );
    } finally {
      await backend.close();
    }
  },
};
