import { SGD, type DType } from "@vanish/core";
import { batchFromJSON, lossAndGrad, modelFromJSON, type LossAndGradOptions, type RecurrentModel, type SequenceBatch } from "@vanish/rnn";
import type { Problem } from "./problem";

/** Vanish's side of a training case: the model, its batch, plain SGD, and one full step. */
export interface VanishTrainer {
  model: RecurrentModel;
  batch: SequenceBatch;
  optimizer: SGD;
  /**
   * `zeroGrad`, `lossAndGrad` (forward, loss, full BPTT) and `optimizer.step()`; returns the loss computed before
   * the update. `between` runs after the gradients exist and before the update (where clipping goes).
   */
  step(options?: LossAndGradOptions, between?: () => void): number;
}

/** A trainer for `problem` in `dtype`, reading the same JSON weights and batch as every other implementation. */
export function createVanishTrainer(problem: Problem, dtype: DType): VanishTrainer {
  const model = modelFromJSON(problem.model, { dtype });
  const batch = batchFromJSON(problem.batch, model);
  const optimizer = new SGD(model.parameters(), { lr: problem.learningRate });
  return {
    model,
    batch,
    optimizer,
    step(options, between) {
      optimizer.zeroGrad();
      const { loss } = lossAndGrad(model, batch, options);
      between?.();
      optimizer.step();
      return loss;
    },
  };
}
