import type { Calibration } from './calibration';
import { fitIsotonic, fitPlatt } from './calibration';
import { trainBoosting } from './boosting-train';
import { trainForest } from './forest-train';
import type { CandidateKind, ModelSpec } from './model-spec';
import { compileRaw } from './scorer';
import { saveModelBytes } from './tf-io';
import type { NetData } from './tf-train';
import { trainNet } from './tf-train';
import type { TrainOptions } from './train-options';

/** Encoded rows with their labels and class weights. */
export interface Encoded extends NetData {
  width: number;
}

/** A fitted model spec and the binary segments its indices refer to. */
export interface FittedModel {
  model: ModelSpec;
  segments: Uint8Array[];
  /** Epochs kept (networks) or trees grown (forest): the setting a final fit reuses. */
  size: number;
}

export type BaseKind = Exclude<CandidateKind, 'ensemble'>;

/** What a candidate may report and check while it trains. */
export interface FitContext {
  options: TrainOptions;
  /** Reports progress and yields to the event loop; throws when the run was cancelled. */
  checkpoint(update: {
    candidate: CandidateKind;
    epoch?: number;
    loss?: number;
    validationLoss?: number | null;
  }): Promise<void>;
}

/**
 * Fits one base candidate. With validation rows, networks stop early on them; without, they run
 * exactly `epochs` (the final fit on all rows reuses what validation chose).
 */
export async function fitBase(
  kind: BaseKind,
  train: Encoded,
  valid: Encoded | null,
  ctx: FitContext,
  epochs?: number,
): Promise<FittedModel> {
  if (kind === 'boosting') {
    const settings = ctx.options.boosting;
    const trees = await trainBoosting(
      train,
      train.width,
      valid,
      epochs === undefined ? settings : { ...settings, maxRounds: epochs },
      (rounds, loss) => ctx.checkpoint({ candidate: 'boosting', epoch: rounds, loss }),
    );
    return { model: trees, segments: [], size: trees.trees.roots.length };
  }
  if (kind === 'forest') {
    const forest = await trainForest(
      train.x,
      train.width,
      train.y,
      train.weights,
      ctx.options.forest,
      (trees) => ctx.checkpoint({ candidate: 'forest', epoch: trees }),
    );
    return { model: forest, segments: [], size: forest.trees.roots.length };
  }
  const settings = ctx.options[kind];
  const net = await trainNet(
    train,
    valid,
    train.width,
    epochs === undefined ? settings : { ...settings, maxEpochs: epochs },
    {
      onEpoch: (r) =>
        ctx.checkpoint({
          candidate: kind,
          epoch: r.epoch,
          loss: r.loss,
          validationLoss: r.validationLoss,
        }),
    },
  );
  try {
    return {
      model: { kind, segment: 0 },
      segments: [await saveModelBytes(net.model)],
      size: Math.max(1, net.bestEpoch),
    };
  } finally {
    net.model.dispose();
  }
}

/** Raw scores (logit or vote share) of a fitted model on encoded rows, via the typed-array scorer. */
export function rawScores(fitted: FittedModel, data: Encoded): Float64Array {
  const out = new Float64Array(data.y.length);
  compileRaw(fitted.model, fitted.segments, data.width).many(data.x, out.length, out);
  return out;
}

/** Fits the chosen calibration method on raw validation scores. */
export function fitCalibration(
  raw: ArrayLike<number>,
  labels: ArrayLike<number>,
  method: TrainOptions['calibration'],
): Calibration {
  return method === 'isotonic' ? fitIsotonic(raw, labels) : fitPlatt(raw, labels);
}

/** Puts calibrated members into one ensemble, renumbering their segments into one list. */
export function joinEnsemble(
  members: { fitted: FittedModel; calibration: Calibration }[],
): FittedModel {
  const segments: Uint8Array[] = [];
  const renumber = (spec: ModelSpec, base: number): ModelSpec => {
    if (spec.kind === 'logistic' || spec.kind === 'mlp')
      return { ...spec, segment: spec.segment + base };
    if (spec.kind === 'ensemble')
      return {
        ...spec,
        members: spec.members.map((m) => ({ ...m, model: renumber(m.model, base) })),
      };
    return spec;
  };
  const specs = members.map(({ fitted, calibration }) => {
    const base = segments.length;
    segments.push(...fitted.segments);
    return { model: renumber(fitted.model, base), calibration };
  });
  return { model: { kind: 'ensemble', members: specs }, segments, size: members.length };
}
