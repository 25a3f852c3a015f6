// The LSTM cell in PyTorch's form (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000):
// gate blocks stacked i, f, g, o; i, f, o = σ(·), g = tanh(·), c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t).
// Kernels: the pointwise part of one step for n rows; the time loop does the gemms.
import { sigmoidKernel, tanhKernel, type TypedArray } from "@vanish/core";
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
 * {@link lstmForwardStep} for float32 blocks in core's wasm arena: the same step with the activations run by
 * core's SIMD kernels (the three-call gate pattern of core's BACKENDS.md, in place, adding `bias`; then
 * tanh(c_t) over the dense `[n, H]` block). Rows are dense, as there.
 */
export function lstmForwardStepKernels(
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
  sigmoidKernel(n, H2, gates, gOff, H4, gates, gOff, H4, bias, 0);
  tanhKernel(n, H, gates, gOff + H2, H4, gates, gOff + H2, H4, bias, H2);
  sigmoidKernel(n, H, gates, gOff + H3, H4, gates, gOff + H3, H4, bias, H3);
  for (let r = 0; r < n; r++) {
    const g0 = gOff + r * H4;
    const s = r * H;
    for (let j = 0; j < H; j++) c[cOff + s + j] = gates[g0 + H + j] * cPrev[cpOff + s + j] + gates[g0 + j] * gates[g0 + H2 + j];
  }
  tanhKernel(n, H, c, cOff, H, tanhC, tcOff, H);
  for (let r = 0; r < n; r++) {
    const g0 = gOff + r * H4 + H3;
    const s = r * H;
    for (let j = 0; j < H; j++) h[hOff + s + j] = gates[g0 + j] * tanhC[tcOff + s + j];
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
