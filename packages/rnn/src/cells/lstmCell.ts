// The LSTM cell in PyTorch's form (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000):
// gate blocks stacked i, f, g, o; i, f, o = σ(·), g = tanh(·), c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t).
// Kernels: the pointwise part of one step for n rows; the time loop does the gemms. Then the cell's record.
import { add, mul, sigmoid, split, tanh, type TypedArray } from "@vanish/core";
import { lstmBackwardKernel, lstmForwardKernel } from "@vanish/core/kernels";
import type { Cell } from "./Cell";
import { sigmoid32, sigmoid64, tanh32 } from "./fastMath";

/**
 * One step for n rows: `gates` rows (`[4H]`, from `gOff`) hold the projections x W_ihᵀ + h W_hhᵀ on entry
 * (`bias` = b_ih + b_hh is added here) and i, f, g, o on exit; writes c_t, tanh(c_t) and h_t. All rows are
 * dense (`c`, `tanhC`, `h`, `cPrev` of stride H). Float32 models use {@link tanh32} and {@link sigmoid32}.
 */
export function lstmForwardStep(
  n: number,
  H: number,
  gates: TypedArray,
  gOff: number,
  bias: TypedArray,
  cPrev: TypedArray,
  cpOff: number,
  c: TypedArray,
  cOff: number,
  tanhC: TypedArray,
  tcOff: number,
  h: TypedArray,
  hOff: number,
): void {
  const H4 = 4 * H;
  const H2 = 2 * H;
  const H3 = 3 * H;
  const f32 = h instanceof Float32Array;
  for (let r = 0; r < n; r++) {
    const g0 = gOff + r * H4;
    const s = r * H;
    // Gates first, one activation per loop (short loops that V8 inlines), then the state update.
    if (f32) {
      for (let k = 0; k < H2; k++) gates[g0 + k] = sigmoid32(gates[g0 + k] + bias[k]);
      for (let k = H2; k < H3; k++) gates[g0 + k] = tanh32(gates[g0 + k] + bias[k]);
      for (let k = H3; k < H4; k++) gates[g0 + k] = sigmoid32(gates[g0 + k] + bias[k]);
    } else {
      for (let k = 0; k < H2; k++) gates[g0 + k] = sigmoid64(gates[g0 + k] + bias[k]);
      for (let k = H2; k < H3; k++) gates[g0 + k] = Math.tanh(gates[g0 + k] + bias[k]);
      for (let k = H3; k < H4; k++) gates[g0 + k] = sigmoid64(gates[g0 + k] + bias[k]);
    }
    for (let j = 0; j < H; j++) {
      const ct = gates[g0 + H + j] * cPrev[cpOff + s + j] + gates[g0 + j] * gates[g0 + H2 + j];
      c[cOff + s + j] = ct;
    }
    if (f32) for (let j = 0; j < H; j++) tanhC[tcOff + s + j] = tanh32(c[cOff + s + j]);
    else for (let j = 0; j < H; j++) tanhC[tcOff + s + j] = Math.tanh(c[cOff + s + j]);
    for (let j = 0; j < H; j++) h[hOff + s + j] = gates[g0 + H3 + j] * tanhC[tcOff + s + j];
  }
}

/**
 * One backward step for n rows. Activation rows (`gates` `[4H]`, `cPrev`, `tanhC` `[H]`) are read with their
 * own row strides `gStride` and `aStride` (the natural ones, or 0 so that every row reads one example, as the
 * Jacobian probes do). Gradient rows are dense:
 * - `dh`: the total dL/dh_t;
 * - `dcIn`: dL/dc_t through c_{t+1} (i.e. dc_{t+1}⊙f_{t+1}); the total dL/dc_t is written to `dcOut`
 *   (which may be `dcIn` itself);
 * - `dcPrev` receives dL/dc_t⊙f_t, the next step's `dcIn`;
 * - `dG` receives dL/d(pre-activation) of i, f, g, o.
 */
export function lstmBackwardStep(
  n: number,
  H: number,
  gates: TypedArray,
  gOff: number,
  gStride: number,
  cPrev: TypedArray,
  cpOff: number,
  tanhC: TypedArray,
  tcOff: number,
  aStride: number,
  dh: TypedArray,
  dhOff: number,
  dcIn: TypedArray,
  dcInOff: number,
  dcOut: TypedArray,
  dcOutOff: number,
  dcPrev: TypedArray,
  dcPrevOff: number,
  dG: TypedArray,
  dGOff: number,
): void {
  const H4 = 4 * H;
  for (let r = 0; r < n; r++) {
    const g0 = gOff + r * gStride;
    const a0 = r * aStride;
    const s = r * H;
    const d0 = dGOff + r * H4;
    for (let j = 0; j < H; j++) {
      const i = gates[g0 + j];
      const f = gates[g0 + H + j];
      const g = gates[g0 + 2 * H + j];
      const o = gates[g0 + 3 * H + j];
      const tc = tanhC[tcOff + a0 + j];
      const dhv = dh[dhOff + s + j];
      const dc = dcIn[dcInOff + s + j] + dhv * o * (1 - tc * tc);
      dcOut[dcOutOff + s + j] = dc;
      dG[d0 + j] = dc * g * i * (1 - i);
      dG[d0 + H + j] = dc * cPrev[cpOff + a0 + j] * f * (1 - f);
      dG[d0 + 2 * H + j] = dc * i * (1 - g * g);
      dG[d0 + 3 * H + j] = dhv * tc * o * (1 - o);
      dcPrev[dcPrevOff + s + j] = dc * f;
    }
  }
}

/**
 * `"lstm"`: four gates i, f, g, o and a cell state. On float32 wasm-arena workspaces the steps run core's fused
 * kernels (`lstmForwardKernel`, `lstmBackwardKernel`: the same arithmetic, four lanes at a time, core's SIMD
 * tanh/σ); otherwise {@link lstmForwardStep} and {@link lstmBackwardStep}.
 */
export const lstmCell: Cell = {
  gates: ["i", "f", "g", "o"],
  cellState: true,
  separateRecurrent: false,
  omega: false,
  forgetGate: 1,
  forwardStep(buf, biases, t, B, H, fused) {
    const { gates, cs, tanhC, hs } = buf;
    const BH = B * H;
    const g = t * 4 * BH;
    if (fused && lstmForwardKernel(B, H, gates, g, biases.sum, 0, cs, t * BH, cs, (t + 1) * BH, tanhC, t * BH, hs, (t + 1) * BH)) return;
    lstmForwardStep(B, H, gates, g, biases.sum, cs, t * BH, cs, (t + 1) * BH, tanhC, t * BH, hs, (t + 1) * BH);
  },
  backwardStep(buf, t, B, H, fused) {
    const { gates, cs, tanhC, dH, dC, dG } = buf;
    const BH = B * H;
    const g = t * 4 * BH;
    // dC row t holds dL/dc_t through c_{t+1} on entry (the loop zeroes the last row) and the total on exit.
    const prev = t > 0 ? dC : buf.dc0;
    const prevOff = t > 0 ? (t - 1) * BH : 0;
    if (fused && lstmBackwardKernel(B, H, gates, g, cs, t * BH, tanhC, t * BH, dH, t * BH, dC, t * BH, dC, t * BH, prev, prevOff, dG, g)) return;
    lstmBackwardStep(B, H, gates, g, 4 * H, cs, t * BH, tanhC, t * BH, H, dH, t * BH, dC, t * BH, dC, t * BH, prev, prevOff, dG, g);
  },
  jacobianStep(buf, t, b, B, H, P, rows) {
    const row = t * B + b;
    lstmBackwardStep(P, H, buf.gates, row * 4 * H, 0, buf.cs, t * B * H + b * H, buf.tanhC, row * H, 0, rows.dh, 0, rows.dc, 0, rows.dc, 0, rows.dcPrev, 0, rows.dG, 0);
  },
  referenceStep(gi, gh, state, probeCell) {
    const [i, f, g, o] = split(add(gi, gh), 4, 1);
    let c = add(mul(sigmoid(f), state.c), mul(sigmoid(i), tanh(g)));
    if (probeCell) c = probeCell(c);
    return { h: mul(sigmoid(o), tanh(c)), c };
  },
};
