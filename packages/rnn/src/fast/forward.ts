import { gemm, gemmPacked, getBackend, gruForwardKernel, isWasmArray, lstmForwardKernel, packB, tanhKernel, type TypedArray } from "@vanish/core";
import { gateCount } from "../cells/cellType";
import { gruForwardStep, gruForwardStepKernels } from "../cells/gruCell";
import { lstmForwardStep, lstmForwardStepKernels } from "../cells/lstmCell";
import { rnnForwardStep } from "../cells/rnnCell";
import type { RecurrentModel } from "../model/RecurrentModel";
import { fastPathSwitches } from "./fastPathSwitches";
import type { Workspace } from "./Workspace";

/**
 * Runs layer `l` over T steps of B examples. `input` holds `[T, B, I_l]` from `inOff`; the initial state must
 * already sit at step 0 of the layer's `hs` (and `cs` for an LSTM). The input projections of all steps are ONE
 * gemm into `gates`; each step then adds h_{t−1} W_hhᵀ with one gemm and applies the cell's pointwise kernel,
 * which also adds the biases. Nothing is allocated.
 */
export function forwardLayer(model: RecurrentModel, ws: Workspace, l: number, T: number, B: number, input: TypedArray, inOff: number): void {
  const cell = model.cell;
  const H = model.hiddenSize;
  const G = gateCount(cell);
  const GH = G * H;
  const I = l === 0 ? model.inputSize : H;
  const p = model.layers[l];
  const Wih = p.weightIh.data;
  const buf = ws.layers[l];
  // W_hh is copied into the workspace (the backward reads it there too) and, on the wasm backend, packed once:
  // every step's product then runs in place in the arena with no per-step copy of W_hh.
  const Whh = buf.whh;
  Whh.set(p.weightHh.data);
  const packed = isWasmArray(Whh) && getBackend() === "wasm";
  const Wp = buf.whhPacked;
  if (packed) packB(true, H, GH, Whh, 0, H, Wp, 0);
  const bih = p.biasIh.data;
  const bhh = p.biasHh.data;
  const { hs, gates } = buf;
  const TB = T * B;
  // gates = x W_ihᵀ (the biases are added by the step kernels): on the wasm backend step by step, each just
  // before its recurrent product (W_ihᵀ packed once, dense input copied into the arena once); otherwise for
  // every step at once.
  const stepwise = packed && fastPathSwitches.stepInputProjection;
  let x = input;
  let xOff = inOff;
  const Wip = buf.wihPacked;
  if (stepwise) {
    packB(true, I, GH, Wih, 0, I, Wip, 0);
    if (!isWasmArray(input)) {
      ws.inputCopy.set(input.subarray(inOff, inOff + TB * I));
      x = ws.inputCopy;
      xOff = 0;
    }
  } else gemm(false, true, TB, GH, I, 1, input, inOff, I, Wih, 0, I, 0, gates, 0, GH);

  const BH = B * H;
  const bias = ws.biasSum;
  if (cell === "rnn_tanh" || cell === "rnn_relu") {
    const relu = cell === "rnn_relu";
    const tanhOnKernel = !relu && useKernels(gates);
    for (let k = 0; k < GH; k++) bias[k] = bih[k] + bhh[k];
    for (let t = 0; t < T; t++) {
      if (stepwise) gemmPacked(false, B, GH, I, 1, x, xOff + t * B * I, I, Wip, 0, 0, gates, t * BH, GH);
      if (packed) gemmPacked(false, B, H, H, 1, hs, t * BH, H, Wp, 0, 1, gates, t * BH, H);
      else gemm(false, true, B, H, H, 1, hs, t * BH, H, Whh, 0, H, 1, gates, t * BH, H);
      if (tanhOnKernel) tanhKernel(B, H, gates, t * BH, H, hs, (t + 1) * BH, H, bias);
      else rnnForwardStep(relu, B, H, gates, t * BH, bias, hs, (t + 1) * BH);
    }
    return;
  }
  if (cell === "lstm") {
    const { cs, tanhC } = buf;
    for (let k = 0; k < GH; k++) bias[k] = bih[k] + bhh[k];
    const kernels = useKernels(gates);
    const fused = kernels && fastPathSwitches.gateKernels;
    const step = kernels ? lstmForwardStepKernels : lstmForwardStep;
    for (let t = 0; t < T; t++) {
      const g = t * B * GH;
      if (stepwise) gemmPacked(false, B, GH, I, 1, x, xOff + t * B * I, I, Wip, 0, 0, gates, g, GH);
      if (packed) gemmPacked(false, B, GH, H, 1, hs, t * BH, H, Wp, 0, 1, gates, g, GH);
      else gemm(false, true, B, GH, H, 1, hs, t * BH, H, Whh, 0, H, 1, gates, g, GH);
      // float32 in the arena: the whole pointwise step (gates, c_t, tanh(c_t), h_t) in one pass of core's kernel.
      if (fused) lstmForwardKernel(B, H, gates, g, bias, 0, cs, t * BH, cs, (t + 1) * BH, tanhC, t * BH, hs, (t + 1) * BH);
      else step(B, H, gates, g, bias, cs, t * BH, cs, (t + 1) * BH, tanhC, t * BH, hs, (t + 1) * BH);
    }
    return;
  }
  // GRU: hp[t] = h_{t−1} W_hhᵀ (+ b_hn in its n block after the step), kept for the backward.
  const hp = buf.hp;
  const kernels = useKernels(gates);
  const fused = kernels && fastPathSwitches.gateKernels;
  // The fused kernel reads both bias vectors in the arena: copy them there once per call (b_ih at 0, b_hh at GH).
  const biases = ws.biasCopy;
  if (fused) {
    biases.set(bih, 0);
    biases.set(bhh, GH);
  } else if (kernels) for (let k = 0; k < 2 * H; k++) bias[k] = bih[k] + bhh[k];
  for (let t = 0; t < T; t++) {
    const g = t * B * GH;
    if (stepwise) gemmPacked(false, B, GH, I, 1, x, xOff + t * B * I, I, Wip, 0, 0, gates, g, GH);
    if (packed) gemmPacked(false, B, GH, H, 1, hs, t * BH, H, Wp, 0, 0, hp, g, GH);
    else gemm(false, true, B, GH, H, 1, hs, t * BH, H, Whh, 0, H, 0, hp, g, GH);
    if (fused) gruForwardKernel(B, H, gates, g, hp, g, biases, 0, biases, GH, hs, t * BH, hs, (t + 1) * BH);
    else if (kernels) gruForwardStepKernels(B, H, gates, g, bih, hp, g, bhh, hs, t * BH, hs, (t + 1) * BH, bias);
    else gruForwardStep(B, H, gates, g, bih, hp, g, bhh, hs, t * BH, hs, (t + 1) * BH);
  }
}

/**
 * Float32 workspaces in core's wasm arena (hence the wasm backend) run the gate activations on core's SIMD
 * kernels; float64 and the js backend keep the exact JavaScript math of the cells.
 */
function useKernels(gates: TypedArray): boolean {
  return gates instanceof Float32Array && isWasmArray(gates) && getBackend() === "wasm";
}
