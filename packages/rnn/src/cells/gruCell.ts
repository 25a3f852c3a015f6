// The GRU cell in PyTorch's "reset-after" form (Cho et al. 2014, as cuDNN and nn.GRU compute it): blocks r, z, n;
// r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr), z likewise, n = tanh(x W_inᵀ + b_in + r⊙(h W_hnᵀ + b_hn)),
// h_t = (1 − z)⊙n + z⊙h_{t−1}. Kernels: the pointwise part of one step for n rows. Then the cell's record.
import { add, mul, sigmoid, split, sub, tanh, type TypedArray } from "@vanish/core";
import { gruBackwardKernel, gruForwardKernel } from "@vanish/core/kernels";
import type { Cell } from "./Cell";
import { sigmoid32, sigmoid64, tanh32 } from "./fastMath";

/**
 * One step for n rows. `gi` rows (`[3H]`) hold x W_ihᵀ on entry and r, z, n on exit; `gh` rows hold
 * h_{t−1} W_hhᵀ on entry, and on exit their n block holds h_{t−1} W_hnᵀ + b_hn (the backward needs it). The
 * biases are added here. Writes h_t. Rows are dense. Float32 models use {@link tanh32} and {@link sigmoid32}.
 */
export function gruForwardStep(
  n: number,
  H: number,
  gi: TypedArray,
  giOff: number,
  bih: TypedArray,
  gh: TypedArray,
  ghOff: number,
  bhh: TypedArray,
  hPrev: TypedArray,
  hpOff: number,
  h: TypedArray,
  hOff: number,
): void {
  const H3 = 3 * H;
  const f32 = h instanceof Float32Array;
  for (let row = 0; row < n; row++) {
    const a = giOff + row * H3;
    const b = ghOff + row * H3;
    const s = row * H;
    if (f32) {
      for (let j = 0; j < H; j++) {
        const r = sigmoid32(gi[a + j] + bih[j] + gh[b + j] + bhh[j]);
        const z = sigmoid32(gi[a + H + j] + bih[H + j] + gh[b + H + j] + bhh[H + j]);
        const hn = gh[b + 2 * H + j] + bhh[2 * H + j];
        const nn = tanh32(gi[a + 2 * H + j] + bih[2 * H + j] + r * hn);
        gh[b + 2 * H + j] = hn;
        gi[a + j] = r;
        gi[a + H + j] = z;
        gi[a + 2 * H + j] = nn;
        h[hOff + s + j] = (1 - z) * nn + z * hPrev[hpOff + s + j];
      }
    } else {
      for (let j = 0; j < H; j++) {
        const r = sigmoid64(gi[a + j] + bih[j] + gh[b + j] + bhh[j]);
        const z = sigmoid64(gi[a + H + j] + bih[H + j] + gh[b + H + j] + bhh[H + j]);
        const hn = gh[b + 2 * H + j] + bhh[2 * H + j];
        const nn = Math.tanh(gi[a + 2 * H + j] + bih[2 * H + j] + r * hn);
        gh[b + 2 * H + j] = hn;
        gi[a + j] = r;
        gi[a + H + j] = z;
        gi[a + 2 * H + j] = nn;
        h[hOff + s + j] = (1 - z) * nn + z * hPrev[hpOff + s + j];
      }
    }
  }
}


/**
 * One backward step for n rows. Activation rows (`gates` = r, z, n and `gh`, both `[3H]`, stride `gStride`;
 * `hPrev` `[H]`, stride `hStride`) may use stride 0 to broadcast one example (Jacobian probes). Gradient rows
 * are dense: `dh` is the total dL/dh_t; `dGi` receives dL/d(x-side pre-activations) [r, z, n] and `dGh`
 * dL/d(h-side pre-activations) [r, z, n⊙r]; the direct path z⊙dh is ADDED to `dhPrev`.
 */
export function gruBackwardStep(
  n: number,
  H: number,
  gates: TypedArray,
  gOff: number,
  gh: TypedArray,
  ghOff: number,
  gStride: number,
  hPrev: TypedArray,
  hpOff: number,
  hStride: number,
  dh: TypedArray,
  dhOff: number,
  dGi: TypedArray,
  dGiOff: number,
  dGh: TypedArray,
  dGhOff: number,
  dhPrev: TypedArray,
  dhPrevOff: number,
): void {
  const H3 = 3 * H;
  for (let row = 0; row < n; row++) {
    const a = gOff + row * gStride;
    const b = ghOff + row * gStride;
    const p = hpOff + row * hStride;
    const s = row * H;
    const d0 = row * H3;
    for (let j = 0; j < H; j++) {
      const r = gates[a + j];
      const z = gates[a + H + j];
      const nn = gates[a + 2 * H + j];
      const d = dh[dhOff + s + j];
      const dnp = d * (1 - z) * (1 - nn * nn);
      const dzp = d * (hPrev[p + j] - nn) * z * (1 - z);
      const drp = dnp * gh[b + 2 * H + j] * r * (1 - r);
      dGi[dGiOff + d0 + j] = drp;
      dGi[dGiOff + d0 + H + j] = dzp;
      dGi[dGiOff + d0 + 2 * H + j] = dnp;
      dGh[dGhOff + d0 + j] = drp;
      dGh[dGhOff + d0 + H + j] = dzp;
      dGh[dGhOff + d0 + 2 * H + j] = dnp * r;
      dhPrev[dhPrevOff + s + j] += d * z;
    }
  }
}

/**
 * `"gru"`: three gates r, z, n; the recurrent projection is kept apart (`separateRecurrent`) because r scales
 * only its n block. On float32 wasm-arena workspaces the steps run core's fused kernels (`gruForwardKernel`,
 * `gruBackwardKernel`); otherwise {@link gruForwardStep} and {@link gruBackwardStep}.
 */
export const gruCell: Cell = {
  gates: ["r", "z", "n"],
  cellState: false,
  separateRecurrent: true,
  omega: false,
  forgetGate: null,
  forwardStep(buf, biases, t, B, H, fused) {
    const { gates, hp, hs } = buf;
    const BH = B * H;
    const g = t * 3 * BH;
    if (fused && gruForwardKernel(B, H, gates, g, hp, g, biases.ih, 0, biases.hh, 0, hs, t * BH, hs, (t + 1) * BH)) return;
    gruForwardStep(B, H, gates, g, biases.ih, hp, g, biases.hh, hs, t * BH, hs, (t + 1) * BH);
  },
  backwardStep(buf, t, B, H, fused) {
    const { gates, hp, hs, dH, dG, dGh } = buf;
    const BH = B * H;
    const g = t * 3 * BH;
    // The direct path z⊙dh goes into dL/dh_{t−1}; the loop adds dGh_t W_hh on top.
    const prev = t > 0 ? dH : buf.dh0;
    const prevOff = t > 0 ? (t - 1) * BH : 0;
    if (fused && gruBackwardKernel(B, H, gates, g, hp, g, hs, t * BH, dH, t * BH, dG, g, dGh, g, prev, prevOff)) return;
    gruBackwardStep(B, H, gates, g, hp, g, 3 * H, hs, t * BH, H, dH, t * BH, dG, g, dGh, g, prev, prevOff);
  },
  jacobianStep(buf, t, b, B, H, P, rows) {
    const row = (t * B + b) * 3 * H;
    gruBackwardStep(P, H, buf.gates, row, buf.hp, row, 0, buf.hs, t * B * H + b * H, 0, rows.dh, 0, rows.dG, 0, rows.dGh, 0, rows.dhPrev, 0);
  },
  referenceStep(gi, gh, state) {
    const [ir, iz, inn] = split(gi, 3, 1);
    const [hr, hz, hn] = split(gh, 3, 1);
    const r = sigmoid(add(ir, hr));
    const z = sigmoid(add(iz, hz));
    const n = tanh(add(inn, mul(r, hn)));
    return { h: add(mul(sub(1, z), n), mul(z, state.h)), c: state.c };
  },
};
