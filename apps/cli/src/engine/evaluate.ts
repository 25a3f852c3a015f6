import type { Baseline } from "@vanish/datasets";
import { lossAndGrad, type RecurrentModel } from "@vanish/rnn";
import type { EvalBucket, TaskData } from "./taskData";

/** Loss and accuracy of the model on one set of batches (weighted by loss rows, forward pass only). */
export interface SetScore {
  /** Mean cross-entropy (classification) or mean squared error (regression). */
  loss: number;
  /** Fraction of loss rows whose largest logit is the target; null for regression. */
  accuracy: number | null;
  /** Examples in the set. */
  count: number;
}

export interface DistanceScore extends SetScore {
  distance: readonly [number, number];
}

export interface AttractorScore extends SetScore {
  attractors: number;
}

/** What the final (and each intermediate) evaluation reports. */
export interface Evaluation extends SetScore {
  /** The metric the task is judged by, and what a model without memory achieves on it (REFERENCE §5). */
  baseline: Baseline;
  /** Agreement only: accuracy per distance bucket and per attractor count. */
  byDistance?: DistanceScore[];
  byAttractors?: AttractorScore[];
}

/** Scores the model on a set of batches without touching its gradients. */
export function scoreSet(model: RecurrentModel, set: EvalBucket, regression: boolean): SetScore {
  let loss = 0;
  let correct = 0;
  let weight = 0;
  for (const batch of set.batches) {
    const r = lossAndGrad(model, batch, { grad: false });
    loss += r.loss * r.weight;
    if (!regression) correct += r.accuracy * r.weight;
    weight += r.weight;
  }
  return { loss: weight > 0 ? loss / weight : NaN, accuracy: regression ? null : weight > 0 ? correct / weight : NaN, count: set.count };
}

/** The evaluation set's score, the baseline and (with `buckets`, for agreement) the scores per bucket. */
export function evaluate(model: RecurrentModel, data: TaskData, buckets: boolean): Evaluation {
  const regression = data.kind === "regression";
  const out: Evaluation = { ...scoreSet(model, data.evalSet, regression), baseline: data.baseline };
  if (buckets && data.byDistance) out.byDistance = data.byDistance.map((b) => ({ distance: b.key.distance!, ...scoreSet(model, b, regression) }));
  if (buckets && data.byAttractors) out.byAttractors = data.byAttractors.map((b) => ({ attractors: b.key.attractors!, ...scoreSet(model, b, regression) }));
  return out;
}
