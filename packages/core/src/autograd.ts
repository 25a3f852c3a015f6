// Reverse-mode automatic differentiation over the graph that ops record on their outputs
// (in the manner of karpathy/micrograd: each op's backward sits beside its forward).
// The graph itself (Tensor.node) and the reverse pass over it live in tensor/Tensor.ts; whether ops record
// is gradMode.ts's state.
import { isTensor } from "./brand";
import { isRecording } from "./gradMode";
import { Tensor, type GradNode } from "./tensor/Tensor";

/** True when an op with these inputs must record its backward. */
export function needsGrad(...inputs: readonly (Tensor | number | null | undefined)[]): boolean {
  if (!isRecording()) return false;
  for (const x of inputs) if (isTensor(x, "needsGrad", "input") && x.requiresGrad) return true;
  return false;
}

/** Attaches a backward to `out` (called by ops after `needsGrad` said yes). */
export function record(out: Tensor, op: string, inputs: readonly Tensor[], backward: GradNode["backward"]): Tensor {
  out.requiresGrad = true;
  out.node = { op, inputs, backward };
  return out;
}

/**
 * Computes d`root`/d(leaf) for every leaf that requires grad and **adds** it to the leaf's `grad`
 * (call `zeroGrad` or set `grad = null` between steps, as in PyTorch). The same as `root.backward(grad)`.
 *
 * @param grad dL/d`root`; defaults to 1 for a one-element root.
 */
export function backward(root: Tensor, grad?: Tensor): void {
  if (!isTensor(root, "backward", "root")) throw new TypeError(`backward: root must be a Tensor, got ${String(root)}`);
  root.backward(grad);
}
