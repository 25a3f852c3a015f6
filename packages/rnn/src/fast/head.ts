import { gemm, type TypedArray } from "@vanish/core";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

export interface HeadResult {
  /** Σ_r w_r ℓ_r (weights already normalised). */
  loss: number;
  /** Cross-entropy: Σ w_r [argmax = target]; NaN for MSE. */
  accuracy: number;
}

/**
 * The linear head and the loss on the R rows listed in the workspace, fused: gathers the rows of the top layer's
 * hidden states `hs` (`[T+1, B, H]`), computes logits `[R, O]` with one gemm, the weighted softmax
 * cross-entropy (class ids) or squared error (`targets`), and, when `grad`, dL/dlogits, the head's weight and
 * bias gradients (added), and the direct dL/dh_t written into `dH` (`[T, B, H]`, zeroed first). `outputGrad`
 * (`[R·O]`), when given, is used as dL/d(output) in place of the loss's.
 */
export function headForwardBackward(
  model: RecurrentModel,
  ws: Workspace,
  R: number,
  B: number,
  T: number,
  hs: TypedArray,
  targets: TypedArray | null,
  grad: boolean,
  dH: TypedArray,
  outputGrad: ArrayLike<number> | null = null,
): HeadResult {
  const H = model.hiddenSize;
  const O = model.outputSize;
  const { headIn, logits, dLogits, dHeadIn, rowIndex, rowWeight, rowTarget } = ws;
  const W = model.headWeight.data;
  const bias = model.headBias.data;
  for (let r = 0; r < R; r++) {
    const src = (rowIndex[r] + B) * H;
    const dst = r * H;
    for (let j = 0; j < H; j++) headIn[dst + j] = hs[src + j];
    for (let o = 0; o < O; o++) logits[r * O + o] = bias[o];
  }
  gemm(false, true, R, O, H, 1, headIn, 0, H, W, 0, H, 1, logits, 0, O);

  let loss = 0;
  let accuracy = 0;
  if (targets === null) {
    for (let r = 0; r < R; r++) {
      const w = rowWeight[r];
      const base = r * O;
      const y = rowTarget[r];
      let m = -Infinity;
      let arg = 0;
      for (let o = 0; o < O; o++) {
        const z = logits[base + o];
        if (z > m) {
          m = z;
          arg = o;
        }
      }
      let s = 0;
      for (let o = 0; o < O; o++) s += Math.exp(logits[base + o] - m);
      if (w !== 0) {
        loss += w * (m + Math.log(s) - logits[base + y]);
        if (arg === y) accuracy += w;
      }
      for (let o = 0; o < O; o++) dLogits[base + o] = w === 0 ? 0 : (w * Math.exp(logits[base + o] - m)) / s;
      if (w !== 0) dLogits[base + y] -= w;
    }
  } else {
    accuracy = NaN;
    const scale = 1 / O;
    for (let r = 0; r < R; r++) {
      const w = rowWeight[r];
      const base = r * O;
      const tBase = rowTarget[r] * O;
      let sq = 0;
      for (let o = 0; o < O; o++) {
        const d = logits[base + o] - targets[tBase + o];
        sq += d * d;
        dLogits[base + o] = 2 * w * scale * d;
      }
      loss += w * scale * sq;
    }
  }
  if (!grad) return { loss, accuracy };
  // A caller's own dL/d(output) replaces the loss's (the loss above is still reported).
  if (outputGrad) for (let k = 0; k < R * O; k++) dLogits[k] = outputGrad[k];

  const gW = model.headWeight.grad!.data;
  const gb = model.headBias.grad!.data;
  gemm(true, false, O, H, R, 1, dLogits, 0, O, headIn, 0, H, 1, gW, 0, H);
  for (let r = 0; r < R; r++) for (let o = 0; o < O; o++) gb[o] += dLogits[r * O + o];
  gemm(false, false, R, H, O, 1, dLogits, 0, O, W, 0, H, 0, dHeadIn, 0, H);
  dH.fill(0, 0, T * B * H);
  for (let r = 0; r < R; r++) {
    const dst = rowIndex[r] * H;
    const src = r * H;
    for (let j = 0; j < H; j++) dH[dst + j] += dHeadIn[src + j];
  }
  return { loss, accuracy };
}
