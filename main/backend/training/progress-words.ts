import { modelKinds } from '../../../contract/domains/risk';
import type { CandidateKind } from '../../../models';

const allCandidates: readonly CandidateKind[] = modelKinds;

/**
 * Training progress in words staff read ("Training the risk model: 3 of 5 candidates"), never
 * internal names, epochs or losses. `candidates` is the run's list (all five by default).
 */
export function progressWords(
  candidates: readonly CandidateKind[] = allCandidates,
): (stage: string, detail: Record<string, unknown>) => string {
  const order = allCandidates.filter((k) => candidates.includes(k));
  return (stage, detail) => {
    switch (stage) {
      case 'examples':
        return typeof detail.rows === 'number'
          ? `Reading the school's history: ${detail.rows.toLocaleString('en')} examples`
          : "Reading the school's history";
      case 'prepare':
        return 'Preparing the training';
      case 'validate': {
        const at = order.indexOf(detail.candidate as CandidateKind) + 1;
        return at > 0
          ? `Training the risk model: ${at} of ${order.length} candidates`
          : 'Training the risk model';
      }
      case 'select':
        return 'Comparing the candidates';
      case 'final':
        return 'Training the chosen model on the whole history';
      case 'package':
        return 'Checking the new model on students it never saw';
      case 'scoring':
        return 'Scoring every student';
      default:
        return 'Training the risk model';
    }
  };
}
