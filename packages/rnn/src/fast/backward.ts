import { columnSumsKernel, gemm, gemmPacked, getBackend, gruBackwardKernel, isWasmArray, lstmBackwardKernel, packB, type TypedArray } from "@vanish/core";
import { gateCount } from "../cells/cellType";
import { gruBackwardStep } from "../cells/gruCell";
import { lstmBackwardStep } from "../cells/lstmCell";
import { rnnBackwardStep } from "../cells/rnnCell";
import type { RecurrentModel } from "../model/RecurrentModel";
import { fastPathSwitches } from "./fastPathSwitches";
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
  // The forward pass's copy of W_hh, in the workspace (so in the wasm arena when the workspace is).
  const Whh = ws.layers[l].whh;
  const buf = ws.layers[l];
  const { hs, dH, dG, dh0 } = buf;
  const BH = B * H;
  const TB = T * B;
  // On the wasm backend W_hh is packed once for the per-step products dL/dh_{t−1} = dG_t W_hh (as the forward
  // packs W_hhᵀ), so that no step copies its panels again.
  const Wp = buf.whhPackedBack;
  const packed = fastPathSwitches.packedBackward && isWasmArray(Whh) && getBackend() === "wasm";
  if (packed) packB(false, GH, H, Whh, 0, H, Wp, 0);
  const recurrent = packed ? Wp : Whh;
  // float32 in the arena on the wasm backend: each step's gate derivatives, and the bias sums, on core's kernels.
  const fused = fastPathSwitches.gateKernels && dG instanceof Float32Array && isWasmArray(dG) && getBackend() === "wasm";

  if (cell === "rnn_tanh" || cell === "rnn_relu") {
    const relu = cell === "rnn_relu";
    for (let t = T - 1; t >= 0; t--) {
      rnnBackwardStep(relu, B, H, hs, (t + 1) * BH, H, dH, t * BH, dG, t * BH);
      if (t > 0) recurrentProduct(packed, B, H, GH, dG, t * BH, recurrent, dH, (t - 1) * BH, 1);
      else recurrentProduct(packed, B, H, GH, dG, 0, recurrent, dh0, 0, 0);
    }
  } else if (cell === "lstm") {
    const { gates, cs, tanhC, dC, dc0 } = buf;
    // dC_t first holds dL/dc_t through c_{t+1}; nothing flows into c_{T−1} from later steps.
    dC.fill(0, (T - 1) * BH, T * BH);
    for (let t = T - 1; t >= 0; t--) {
      const g = t * B * GH;
      const prev = t > 0 ? dC : dc0;
      const prevOff = t > 0 ? (t - 1) * BH : 0;
      if (fused) lstmBackwardKernel(B, H, gates, g, cs, t * BH, tanhC, t * BH, dH, t * BH, dC, t * BH, dC, t * BH, prev, prevOff, dG, g);
      else lstmBackwardStep(B, H, gates, g, GH, cs, t * BH, tanhC, t * BH, H, dH, t * BH, dC, t * BH, dC, t * BH, prev, prevOff, dG, g);
      if (t > 0) recurrentProduct(packed, B, H, GH, dG, g, recurrent, dH, (t - 1) * BH, 1);
      else recurrentProduct(packed, B, H, GH, dG, 0, recurrent, dh0, 0, 0);
    }
  } else {
    // GRU: the direct path z⊙dh is added into dL/dh_{t−1} by the kernel, the gemm adds dGh_t W_hh on top.
    const { gates, hp, dGh } = buf;
    dh0.fill(0, 0, BH);
    for (let t = T - 1; t >= 0; t--) {
      const g = t * B * GH;
      const prev = t > 0 ? dH : dh0;
      const prevOff = t > 0 ? (t - 1) * BH : 0;
      if (fused) gruBackwardKernel(B, H, gates, g, hp, g, hs, t * BH, dH, t * BH, dG, g, dGh, g, prev, prevOff);
      else gruBackwardStep(B, H, gates, g, hp, g, GH, hs, t * BH, H, dH, t * BH, dG, g, dGh, g, prev, prevOff);
      recurrentProduct(packed, B, H, GH, dGh, g, recurrent, prev, prevOff, 1);
    }
  }

  const dGh = G === 3 ? buf.dGh : dG;
  const gWih = p.weightIh.grad!.data;
  const gWhh = p.weightHh.grad!.data;
  const gbih = p.biasIh.grad!.data;
  const gbhh = p.biasHh.grad!.data;
  // dW_hh += Σ_t dGh_tᵀ h_{t−1}: rows 0..T−1 of hs are h_{−1}..h_{T−2}.
  gemm(true, false, GH, H, TB, 1, dGh, 0, GH, hs, 0, H, 1, gWhh, 0, H);
  gemm(true, false, GH, I, TB, 1, dG, 0, GH, input, inOff, I, 1, gWih, 0, I);
  const sums = ws.biasSum;
  if (dGh === dG) {
    // One pass for both biases: they get the same gradient.
    sums.fill(0, 0, GH);
    if (fused) columnSumsKernel(TB, GH, dG, 0, GH, sums, 0);
    else columnSums(dG, TB, GH, sums);
    for (let k = 0; k < GH; k++) {
      gbih[k] += sums[k];
      gbhh[k] += sums[k];
    }
  } else if (fused) {
    // The gradients are outside the arena: sum each block into the workspace, then add.
    sums.fill(0, 0, GH);
    columnSumsKernel(TB, GH, dG, 0, GH, sums, 0);
    for (let k = 0; k < GH; k++) gbih[k] += sums[k];
    sums.fill(0, 0, GH);
    columnSumsKernel(TB, GH, dGh, 0, GH, sums, 0);
    for (let k = 0; k < GH; k++) gbhh[k] += sums[k];
  } else {
    columnSums(dG, TB, GH, gbih);
    columnSums(dGh, TB, GH, gbhh);
  }
  if (dInput) gemm(false, false, TB, I, GH, 1, dG, 0, GH, p.weightIh.data, 0, I, 0, dInput, dInOff, I);
}

/** dst[B, H] = dG[B, G·H] (rows from gOff) · W_hh, added into dst when `beta` is 1; `W` is W_hh packed or not. */
function recurrentProduct(packed: boolean, B: number, H: number, GH: number, dG: TypedArray, gOff: number, W: TypedArray, dst: TypedArray, dOff: number, beta: 0 | 1): void {
  if (packed) gemmPacked(false, B, H, GH, 1, dG, gOff, GH, W, 0, beta, dst, dOff, H);
  else gemm(false, false, B, H, GH, 1, dG, gOff, GH, W, 0, H, beta, dst, dOff, H);
}

/** out[k] += Σ_r a[r·n + k]. */
function columnSums(a: TypedArray, rows: number, n: number, out: TypedArray): void {
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    for (let k = 0; k < n; k++) out[k] += a[base + k];
  }
}
