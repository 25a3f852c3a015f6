import type { NestedArray } from "@vanish/core";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { describe } from "../describe";
import { lossAndGrad } from "../fast/lossAndGrad";
import { RecurrentModel } from "../model/RecurrentModel";

/** What `vanish gradients` prints (docs/interchange.md). */
export interface GradientReport {
  loss: number;
  /** dL/dθ under the state dict's names and nested shapes. */
  grads: Record<string, NestedArray>;
  /** `[T]`: the Frobenius norm over the batch of the total dL/dh at each step, for the top layer. */
  hiddenGradNorms: number[];
}

/** Loss, every parameter's gradient and ‖dL/dh_t‖ for one batch; `model` and its grads are left untouched. */
export function gradientReport(model: RecurrentModel, batch: SequenceBatch): GradientReport {
  if (!(model instanceof RecurrentModel)) throw new TypeError(`gradientReport: model must be a RecurrentModel, got ${describe(model)}`);
  const m = model.clone();
  const r = lossAndGrad(m, batch, { record: { hiddenGradNorms: true } });
  return {
    loss: r.loss,
    grads: Object.fromEntries(m.namedParameters().map(([n, t]) => [n, t.grad!.toArray()])),
    hiddenGradNorms: Array.from(r.layers[m.numLayers - 1].hiddenGradNorms!.perStep),
  };
}
