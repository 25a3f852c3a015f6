import { gemm, type TypedArray } from "@vanish/core";
import { columnSumsKernel, gemmPacked, packB } from "@vanish/core/kernels";
import { cellOf } from "../cells/registry";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

/**
 * Backpropagates layer `l` through its T steps. On entry `dH` holds the direct gradient of every h_t (from the
 * head or the layer above); on exit it holds the TOTAL dL/dh_t (direct + through h_{t+1}), `dG` the gradient of
 * every pre-activation, and `dh0` dL/dh_{−1}. Each step runs the cell's backward step (`src/cells/*.ts`: the
 * LSTM's is `lstmCell.backwardStep` → `lstmBackwardStep` in `src/cells/lstmCell.ts`), then one gemm that
 * accumulates straight into the previous step's row of `dH`. The weight gradients are then ONE gemm each over
 * all steps (added into the parameters' `grad`), and, when `dInput` is given, dL/d(input) `[T, B, I_l]` is one
 * more gemm (overwriting `dInput` from `dInOff`). Nothing is allocated.
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
  const cell = cellOf(model.cell);
  const H = model.hiddenSize;
  const GH = cell.gates.length * H;
  const I = l === 0 ? model.inputSize : H;
  const p = model.layers[l];
  const buf = ws.layers[l];
  const { hs, dH, dG, dh0 } = buf;
  const BH = B * H;
  const TB = T * B;
  // The forward pass's copy of W_hh, in the workspace; in the wasm arena it is packed once for the per-step
  // products dL/dh_{t−1} = dG_t W_hh (as the forward packs W_hhᵀ), so that no step copies its panels again.
  const Whh = buf.whh;
  const packed = ws.wasm;
  const recurrent = packed ? buf.whhPackedBack : Whh;
  if (packed) packB(false, GH, H, Whh, 0, H, recurrent, 0);
  const fused = ws.fused;
  // W_hh's pre-activation gradient: dG itself, or the cell's own dGh.
  const dGh = cell.separateRecurrent ? buf.dGh : dG;

  // Nothing flows into c_{T−1} from later steps; dL/dh_{−1} is accumulated from zero.
  if (cell.cellState) buf.dC.fill(0, (T - 1) * BH, T * BH);
  dh0.fill(0, 0, BH);
  for (let t = T - 1; t >= 0; t--) {
    cell.backwardStep(buf, t, B, H, fused);
    const prev = t > 0 ? dH : dh0;
    const prevOff = t > 0 ? (t - 1) * BH : 0;
    if (packed) gemmPacked(false, B, H, GH, 1, dGh, t * B * GH, GH, recurrent, 0, 1, prev, prevOff, H);
    else gemm(false, false, B, H, GH, 1, dGh, t * B * GH, GH, recurrent, 0, H, 1, prev, prevOff, H);
  }

  const gWih = p.weightIh.grad!.data;
  const gWhh = p.weightHh.grad!.data;
  // dW_hh += Σ_t dGh_tᵀ h_{t−1}: rows 0..T−1 of hs are h_{−1}..h_{T−2}.
  gemm(true, false, GH, H, TB, 1, dGh, 0, GH, hs, 0, H, 1, gWhh, 0, H);
  gemm(true, false, GH, I, TB, 1, dG, 0, GH, input, inOff, I, 1, gWih, 0, I);
  // Bias gradients: column sums of dG (and of dGh), summed into the workspace (in the arena when it is there,
  // so core's kernel runs in place) and then added; when dGh is dG both biases get the same sums.
  const sums = ws.biases.sum;
  sums.fill(0, 0, GH);
  columnSumsKernel(TB, GH, dG, 0, GH, sums, 0);
  addInto(p.biasIh.grad!.data, sums, GH);
  if (dGh !== dG) {
    sums.fill(0, 0, GH);
    columnSumsKernel(TB, GH, dGh, 0, GH, sums, 0);
  }
  addInto(p.biasHh.grad!.data, sums, GH);
  if (dInput) gemm(false, false, TB, I, GH, 1, dG, 0, GH, p.weightIh.data, 0, I, 0, dInput, dInOff, I);
}

function addInto(dst: TypedArray, src: TypedArray, n: number): void {
  for (let k = 0; k < n; k++) dst[k] += src[k];
}
