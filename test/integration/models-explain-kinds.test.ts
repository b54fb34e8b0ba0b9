import { describe, expect, it } from 'vitest';
import { syntheticSchool } from '../support/training-data';
import { logit } from '../../models/calibration';
import { rowAt } from '../../models/dataset';
import { encodeArtifact, sha256Hex } from '../../models/artifact';
import { explainerFor, explainScore, substitutionWeights } from '../../models/explain';
import type { CandidateKind } from '../../models/model-spec';
import { loadScorer, type Scorer } from '../../models/scorer';
import { trainModel } from '../../models/train';
import { referenceRow } from '../../models/preprocess';

/** A steeper school than the training tests': risk rises as attendance falls and failures rise. */
const school = (n: number, seed: number) =>
  syntheticSchool(n, seed, {
    attendanceFloor: 0.5,
    failedLimit: 5,
    attendanceWeight: -10,
    failedWeight: 0.9,
    bias: -2.5,
  });

const data = school(600, 11);

async function trained(kind: CandidateKind): Promise<Scorer> {
  if (kind === 'ensemble') return ensembleOf(await trained('forest'), await trained('boosting'));
  const r = await trainModel(data, {
    seed: 5,
    candidates: [kind],
    logistic: { maxEpochs: 40 },
    mlp: { maxEpochs: 40, hidden: [8] },
    forest: { trees: 40 },
    boosting: { maxRounds: 120 },
    validation: { method: 'split', fraction: 0.25 },
  });
  return loadScorer(r.artifact, r.sha256);
}

/** An ensemble of two trained models (same preprocessing), calibrated by a plain Platt map. */
function ensembleOf(a: Scorer, b: Scorer): Scorer {
  expect(a.header.preprocessor).toEqual(b.header.preprocessor);
  const artifact = encodeArtifact(
    {
      ...a.header,
      kind: 'ensemble',
      model: {
        kind: 'ensemble',
        members: [a.header, b.header].map((h) => ({ model: h.model, calibration: h.calibration })),
      },
      calibration: { method: 'platt', a: 4, b: -2 },
    },
    [],
  );
  return loadScorer(artifact, sha256Hex(artifact));
}

const encode = (scorer: Scorer, row: Record<string, number | string | null>) => {
  const x = new Float64Array(scorer.width);
  scorer.encode(row, x);
  return x;
};

describe.each(['logistic', 'mlp', 'forest', 'boosting', 'ensemble'] as const)(
  'explaining a %s score without re-scoring',
  (kind) => {
    let scorer: Scorer;
    it('splits the log-odds exactly: the shares add up to the score', async () => {
      scorer = await trained(kind);
      const explainer = explainerFor(scorer);
      expect(explainer.method).toBe(
        {
          logistic: 'linear',
          mlp: 'deeplift',
          forest: 'saabas',
          boosting: 'saabas',
          ensemble: 'rescale',
        }[kind],
      );
      const ref = encode(scorer, referenceRow(scorer.header.preprocessor));
      const weights = new Float64Array(3);
      for (let i = 0; i < 50; i++) {
        const x = encode(scorer, rowAt(data, i) as Record<string, number | string | null>);
        const { probability, baseLogit } = explainer.explain(x, 0, ref, weights);
        expect(probability).toBeCloseTo(scorer.probability(x), 9);
        const sum = weights.reduce((s, w) => s + w, 0);
        expect(baseLogit + sum).toBeCloseTo(logit(probability), 6);
        // For logistic regression the shares are its own terms: re-scoring gives the same numbers.
        if (kind === 'logistic') {
          const exact = substitutionWeights(scorer, x, ref);
          weights.forEach((w, c) => expect(w).toBeCloseTo(exact[c] as number, 6));
        }
      }
    });

    it('agrees in sign with the model: poor attendance raises the risk, good attendance lowers it', () => {
      const poor = explainScore(
        scorer,
        { attendance: 0.55, failed: 2, town: 'north' },
        { top: 3, minWeight: 0 },
      );
      const good = explainScore(
        scorer,
        { attendance: 0.98, failed: 2, town: 'north' },
        { top: 3, minWeight: 0 },
      );
      expect(poor.find((f) => f.feature === 'attendance')).toMatchObject({
        direction: 'raises',
        value: 0.55,
      });
      expect(good.find((f) => f.feature === 'attendance')).toMatchObject({ direction: 'lowers' });
      for (const f of [...poor, ...good]) expect(f.direction === 'raises').toBe(f.weight >= 0);
      // A student whose score is above the reference's has at least one raising share.
      const p = scorer.scoreRow({ attendance: 0.55, failed: 2, town: 'north' });
      expect(p).toBeGreaterThan(scorer.scoreRow(referenceRow(scorer.header.preprocessor)));
      expect(poor[0]?.direction).toBe('raises');
    });

    it('mostly names the same strongest input as re-scoring with that input at its reference', () => {
      const ref = encode(scorer, referenceRow(scorer.header.preprocessor));
      const weights = new Float64Array(3);
      let same = 0;
      const n = 100;
      for (let i = 0; i < n; i++) {
        const x = encode(scorer, rowAt(data, i) as Record<string, number | string | null>);
        explainerFor(scorer).explain(x, 0, ref, weights);
        const slow = substitutionWeights(scorer, x, ref);
        const top = (w: Float64Array) => w.indexOf(Math.max(...w));
        if (top(weights) === top(slow)) same++;
      }
      expect(same / n).toBeGreaterThan(0.7);
    });
  },
);
