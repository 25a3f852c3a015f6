import { resolveBatch } from "../batch/resolveBatch";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { describe } from "../describe";
import { runWindow } from "../fast/lossAndGrad";
import { cachedWorkspace } from "../fast/Workspace";
import { RecurrentModel } from "../model/RecurrentModel";
import { jacobianNormsFromWorkspace, type JacobianNorms, type JacobianOptions } from "./jacobianNormsFromWorkspace";

export type { JacobianNorms, JacobianOptions } from "./jacobianNormsFromWorkspace";

/**
 * ‖∂h_T/∂h_t‖_F for every step of every example of `batch` (runs a forward pass first; see
 * {@link jacobianNormsFromWorkspace} for the method). With `lengths`, T is each example's own last step.
 */
export function jacobianNorms(model: RecurrentModel, batch: SequenceBatch, options: JacobianOptions = {}): JacobianNorms {
  const fn = "jacobianNorms";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  const rb = resolveBatch(fn, model, batch);
  runWindow(model, rb, 0, rb.T, 0, rb.h0, rb.c0, { grad: false });
  return jacobianNormsFromWorkspace(model, cachedWorkspace(model)!, rb.T, rb.B, rb.lengths, options);
}
