import { Tensor } from "@vanish/core";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

/** The head's output at the loss rows of one pass, copied out of the workspace (see `returnLogits`). */
export interface LossRowLogits {
  /** `[R, O]`: the head's output at each loss row (logits for cross-entropy, predictions for MSE), row order. */
  logits: Tensor;
  /** `[R]`: the position of each row in the batch, `t·B + b` (t the step of the whole batch, b the sequence). */
  logitRows: Int32Array;
}

/**
 * Copies the R rows of logits the head just computed (`ws.logits`, `[R, O]`) and their positions (`ws.rowIndex`,
 * window-local `t·B + b`, shifted here by the window's first step `start`) into fresh arrays. Called right after the
 * head, before the backward pass may reuse the workspace's buffers. Allocates `R·O` numbers: meant for evaluation
 * and metrics, not for the inner training loop of a speed benchmark.
 */
export function copyLossRowLogits(model: RecurrentModel, ws: Workspace, R: number, B: number, start: number): LossRowLogits {
  const O = model.outputSize;
  const values = model.dtype === "float64" ? new Float64Array(R * O) : new Float32Array(R * O);
  values.set(ws.logits.subarray(0, R * O));
  const logitRows = new Int32Array(R);
  const shift = start * B;
  for (let r = 0; r < R; r++) logitRows[r] = ws.rowIndex[r] + shift;
  return { logits: new Tensor(values, [R, O]), logitRows };
}
