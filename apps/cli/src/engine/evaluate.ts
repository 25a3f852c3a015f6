import type { Baseline } from "@vanish/datasets";
import { lossAndGrad, type RecurrentModel } from "@vanish/rnn";
import type { EvalBucket, TaskData } from "./taskData";
import { countVerbAgreement } from "./verbAgreement";

/** Loss and accuracy of the model on one set of batches (weighted by loss rows, forward pass only). */
export interface SetScore {
  /** Mean cross-entropy (classification; per token for the lm framing) or mean squared error (regression). */
  loss: number;
  /**
   * Fraction of loss rows whose largest logit is the target; for the lm framing, the fraction of sequences whose
   * correct verb form scores above the wrong one at the verb (see `countVerbAgreement`); null for regression.
   */
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
  /** The metric the task is judged by, and what a model without memory achieves on it (docs/tasks.md). */
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
  let verbs = 0;
  for (const batch of set.batches) {
    const r = lossAndGrad(model, batch, { grad: false, returnLogits: batch.verbs !== undefined });
    loss += r.loss * r.weight;
    weight += r.weight;
    if (batch.verbs) {
      // lm: the loss is per token, the accuracy per sentence (its target verb).
      const v = countVerbAgreement(r.logits!.data, r.logitRows!, model.outputSize, batch.verbs);
      correct += v.right;
      verbs += v.seen;
    } else if (!regression) {
      correct += r.accuracy * r.weight;
      verbs += r.weight;
    }
  }
  return { loss: weight > 0 ? loss / weight : NaN, accuracy: regression ? null : verbs > 0 ? correct / verbs : NaN, count: set.count };
}

/** The evaluation set's score, the baseline and (with `buckets`, for agreement) the scores per bucket. */
export function evaluate(model: RecurrentModel, data: TaskData, buckets: boolean): Evaluation {
  const regression = data.kind === "regression";
  const out: Evaluation = { ...scoreSet(model, data.evalSet, regression), baseline: data.baseline };
  if (buckets && data.byDistance) out.byDistance = data.byDistance.map((b) => ({ distance: b.key.distance!, ...scoreSet(model, b, regression) }));
  if (buckets && data.byAttractors) out.byAttractors = data.byAttractors.map((b) => ({ attractors: b.key.attractors!, ...scoreSet(model, b, regression) }));
  return out;
}
