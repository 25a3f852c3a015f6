import { gemm, type TypedArray } from "@vanish/core";
import { gemmPacked, packB } from "@vanish/core/kernels";
import { cellOf } from "../cells/registry";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

/**
 * Runs layer `l` over T steps of B examples. `input` holds `[T, B, I_l]` from `inOff`; the initial state must
 * already sit at step 0 of the layer's `hs` (and `cs` for a cell with a cell state). Each step adds
 * h_{t−1} W_hhᵀ with one gemm (into the gate rows, or into `hp` for a `separateRecurrent` cell) and applies the
 * cell's forward step (`src/cells/*.ts`), which also adds the biases. Nothing is allocated.
 *
 * On a workspace in core's wasm arena (`ws.wasm`) W_hhᵀ and W_ihᵀ are packed once per call and each step's
 * input projection x_t W_ihᵀ is computed just before its recurrent product (so the gate rows are still in cache);
 * otherwise the input projections of all steps are ONE gemm first.
 */
export function forwardLayer(model: RecurrentModel, ws: Workspace, l: number, T: number, B: number, input: TypedArray, inOff: number): void {
  const cell = cellOf(model.cell);
  const H = model.hiddenSize;
  const GH = cell.gates.length * H;
  const I = l === 0 ? model.inputSize : H;
  const p = model.layers[l];
  const Wih = p.weightIh.data;
  const buf = ws.layers[l];
  const { hs, gates } = buf;
  const TB = T * B;
  const BH = B * H;
  // W_hh is copied into the workspace (the backward reads it there too) and, in the wasm arena, packed once:
  // every step's product then runs in place with no per-step copy of W_hh.
  const Whh = buf.whh;
  Whh.set(p.weightHh.data);
  const packed = ws.wasm;
  const Wp = buf.whhPacked;
  const Wip = buf.wihPacked;
  let x = input;
  let xOff = inOff;
  if (packed) {
    packB(true, H, GH, Whh, 0, H, Wp, 0);
    packB(true, I, GH, Wih, 0, I, Wip, 0);
    if (input.buffer !== ws.arena.buffer) {
      ws.inputCopy.set(input.subarray(inOff, inOff + TB * I));
      x = ws.inputCopy;
      xOff = 0;
    }
  } else gemm(false, true, TB, GH, I, 1, input, inOff, I, Wih, 0, I, 0, gates, 0, GH);

  const biases = ws.biases;
  const bih = p.biasIh.data;
  const bhh = p.biasHh.data;
  for (let k = 0; k < GH; k++) biases.sum[k] = bih[k] + bhh[k];
  biases.ih.set(bih);
  biases.hh.set(bhh);
  // The recurrent product: added into the gate rows, or written apart for a separateRecurrent cell.
  const recurrent = cell.separateRecurrent ? buf.hp : gates;
  const beta = cell.separateRecurrent ? 0 : 1;
  const fused = ws.fused;
  for (let t = 0; t < T; t++) {
    const g = t * B * GH;
    if (packed) {
      gemmPacked(false, B, GH, I, 1, x, xOff + t * B * I, I, Wip, 0, 0, gates, g, GH);
      gemmPacked(false, B, GH, H, 1, hs, t * BH, H, Wp, 0, beta, recurrent, g, GH);
    } else gemm(false, true, B, GH, H, 1, hs, t * BH, H, Whh, 0, H, beta, recurrent, g, GH);
    cell.forwardStep(buf, biases, t, B, H, fused);
  }
}
