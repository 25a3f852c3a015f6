import { gemm, type TypedArray } from "@vanish/core";
import { gateCount } from "../cells/cellType";
import { rnnBackwardStep } from "../cells/rnnCell";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

/**
 * Backpropagates layer `l` through its T steps. On entry `dH` holds the direct gradient of every h_t (from the
 * head or the layer above); on exit it holds the TOTAL dL/dh_t (direct + through h_{t+1}), `dG` the gradient of
 * every pre-activation, and `dh0` dL/dh_{−1}. The recurrent gradient of each step is one gemm that accumulates
 * straight into the previous step's row of `dH`. The weight gradients are then ONE gemm each over all steps
 * (added into the parameters' `grad`), and, when `dInput` is given, dL/d(input) `[T, B, I_l]` is one more gemm
 * (overwriting `dInput` from `dInOff`). Nothing is allocated.
 */
export function backwardLayer(
  model: RecurrentModel,
  ws: Workspace,
  l: number,
  T: number,
  B: number,
  input: TypedArray,
  inOff: number,
  dInput: TypedArray | null,
  dInOff: number,
): void {
  const cell = model.cell;
  const H = model.hiddenSize;
  const G = gateCount(cell);
  const GH = G * H;
  const I = l === 0 ? model.inputSize : H;
  const p = model.layers[l];
  const Whh = p.weightHh.data;
  const buf = ws.layers[l];
  const { hs, dH, dG, dh0 } = buf;
  const BH = B * H;
  const TB = T * B;

  if (cell === "rnn_tanh" || cell === "rnn_relu") {
    const relu = cell === "rnn_relu";
    for (let t = T - 1; t >= 0; t--) {
      rnnBackwardStep(relu, B, H, hs, (t + 1) * BH, H, dH, t * BH, dG, t * BH);
      if (t > 0) gemm(false, false, B, H, H, 1, dG, t * BH, H, Whh, 0, H, 1, dH, (t - 1) * BH, H);
      else gemm(false, false, B, H, H, 1, dG, 0, H, Whh, 0, H, 0, dh0, 0, H);
    }
  } else {
    throw new Error(`backwardLayer: cell ${cell} is not implemented yet`);
  }

  const dGh = G === 3 ? buf.dGh : dG;
  const gWih = p.weightIh.grad!.data;
  const gWhh = p.weightHh.grad!.data;
  const gbih = p.biasIh.grad!.data;
  const gbhh = p.biasHh.grad!.data;
  // dW_hh += Σ_t dGh_tᵀ h_{t−1}: rows 0..T−1 of hs are h_{−1}..h_{T−2}.
  gemm(true, false, GH, H, TB, 1, dGh, 0, GH, hs, 0, H, 1, gWhh, 0, H);
  gemm(true, false, GH, I, TB, 1, dG, 0, GH, input, inOff, I, 1, gWih, 0, I);
  columnSums(dG, TB, GH, gbih);
  columnSums(dGh, TB, GH, gbhh);
  if (dInput) gemm(false, false, TB, I, GH, 1, dG, 0, GH, p.weightIh.data, 0, I, 0, dInput, dInOff, I);
}

/** out[k] += Σ_r a[r·n + k]. */
function columnSums(a: TypedArray, rows: number, n: number, out: TypedArray): void {
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    for (let k = 0; k < n; k++) out[k] += a[base + k];
  }
}
