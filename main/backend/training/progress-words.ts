import type { ProgressStep } from '../../../contract';
import { modelKinds } from '../../../contract/domains/risk';
import type { CandidateKind } from '../../../models';

const allCandidates: readonly CandidateKind[] = modelKinds;

/**
 * Training progress as a step staff can be told about (the renderer says it in their language),
 * never internal names, epochs or losses. `candidates` is the run's list (all five by default).
 */
export function progressSteps(
  candidates: readonly CandidateKind[] = allCandidates,
): (stage: string, detail: Record<string, unknown>) => ProgressStep {
  const order = allCandidates.filter((k) => candidates.includes(k));
  return (stage, detail) => {
    switch (stage) {
      case 'examples':
        return { code: 'history', examples: typeof detail.rows === 'number' ? detail.rows : null };
      case 'prepare':
        return { code: 'prepare' };
      case 'validate': {
        const at = order.indexOf(detail.candidate as CandidateKind) + 1;
        return at > 0 ? { code: 'candidate', at, of: order.length } : { code: 'training' };
      }
      case 'select':
        return { code: 'compare' };
      case 'final':
        return { code: 'final' };
      case 'package':
        return { code: 'check' };
      case 'scoring':
        return { code: 'scoring' };
      default:
        return { code: 'training' };
    }
  };
}

/** A step in English words, for the command line, logs and the job's stored message. */
export function stepWords(step: ProgressStep): string {
  switch (step.code) {
    case 'writing':
      return `Saving the school's records: up to ${step.date}`;
    case 'history':
      return step.examples === null
        ? "Reading the school's history"
        : `Reading the school's history: ${step.examples.toLocaleString('en')} examples`;
    case 'prepare':
      return 'Preparing the training';
    case 'candidate':
      return `Training the risk model: ${step.at} of ${step.of} candidates`;
    case 'compare':
      return 'Comparing the candidates';
    case 'final':
      return 'Training the chosen model on the whole history';
    case 'check':
      return 'Checking the new model on students it never saw';
    case 'scoring':
      return 'Scoring every student';
    case 'saveModel':
      return 'Saving the new model';
    case 'saveScores':
      return 'Saving every student’s new score';
    case 'training':
      return 'Training the risk model';
  }
}

/**
 * Training progress in words staff read ("Training the risk model: 3 of 5 candidates"), never
 * internal names, epochs or losses. `candidates` is the run's list (all five by default).
 */
export function progressWords(
  candidates: readonly CandidateKind[] = allCandidates,
): (stage: string, detail: Record<string, unknown>) => string {
  const steps = progressSteps(candidates);
  return (stage, detail) => stepWords(steps(stage, detail));
}
