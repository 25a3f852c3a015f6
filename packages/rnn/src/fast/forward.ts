import { gemm, type TypedArray } from "@vanish/core";
import { gateCount } from "../cells/cellType";
import { gruForwardStep } from "../cells/gruCell";
import { lstmForwardStep } from "../cells/lstmCell";
import { rnnForwardStep } from "../cells/rnnCell";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

/**
 * Runs layer `l` over T steps of B examples. `input` holds `[T, B, I_l]` from `inOff`; the initial state must
 * already sit at step 0 of the layer's `hs` (and `cs` for an LSTM). The input projections of all steps are ONE
 * gemm into `gates`; each step then adds h_{t−1} W_hhᵀ with one gemm and applies the cell's pointwise kernel.
 * Nothing is allocated.
 */
export function forwardLayer(model: RecurrentModel, ws: Workspace, l: number, T: number, B: number, input: TypedArray, inOff: number): void {
  const cell = model.cell;
  const H = model.hiddenSize;
  const G = gateCount(cell);
  const GH = G * H;
  const I = l === 0 ? model.inputSize : H;
  const p = model.layers[l];
  const Wih = p.weightIh.data;
  const Whh = p.weightHh.data;
  const bih = p.biasIh.data;
  const bhh = p.biasHh.data;
  const buf = ws.layers[l];
  const { hs, gates } = buf;
  const TB = T * B;

  // gates[t, b, :] = b_ih + b_hh (GRU: b_ih alone, b_hh goes with h W_hhᵀ), then += x W_ihᵀ for all steps at once.
  const gru = cell === "gru";
  for (let r = 0; r < TB; r++) {
    const base = r * GH;
    if (gru) for (let k = 0; k < GH; k++) gates[base + k] = bih[k];
    else for (let k = 0; k < GH; k++) gates[base + k] = bih[k] + bhh[k];
  }
  gemm(false, true, TB, GH, I, 1, input, inOff, I, Wih, 0, I, 1, gates, 0, GH);

  const BH = B * H;
  if (cell === "rnn_tanh" || cell === "rnn_relu") {
    const relu = cell === "rnn_relu";
    for (let t = 0; t < T; t++) {
      gemm(false, true, B, H, H, 1, hs, t * BH, H, Whh, 0, H, 1, gates, t * BH, H);
      rnnForwardStep(relu, B, H, gates, t * BH, hs, (t + 1) * BH);
    }
    return;
  }
  if (cell === "lstm") {
    const { cs, tanhC } = buf;
    for (let t = 0; t < T; t++) {
      const g = t * B * GH;
      gemm(false, true, B, GH, H, 1, hs, t * BH, H, Whh, 0, H, 1, gates, g, GH);
      lstmForwardStep(B, H, gates, g, cs, t * BH, cs, (t + 1) * BH, tanhC, t * BH, hs, (t + 1) * BH);
    }
    return;
  }
  // GRU: hp[t] = b_hh + h_{t−1} W_hhᵀ, kept whole because the backward needs its n block.
  const hp = buf.hp;
  for (let r = 0; r < TB; r++) {
    const base = r * GH;
    for (let k = 0; k < GH; k++) hp[base + k] = bhh[k];
  }
  for (let t = 0; t < T; t++) {
    const g = t * B * GH;
    gemm(false, true, B, GH, H, 1, hs, t * BH, H, Whh, 0, H, 1, hp, g, GH);
    gruForwardStep(B, H, gates, g, hp, g, hs, t * BH, hs, (t + 1) * BH);
  }
}
