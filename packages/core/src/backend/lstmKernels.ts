import type { TypedArray } from "../dtype";
import { sigmoidScalar } from "../ops/unary";
import { wasmBackend } from "./backend";
import { arenaPointer } from "./arenaOperand";

/**
 * The pointwise part of one LSTM step (Hochreiter & Schmidhuber 1997, forget gate of Gers et al. 2000; PyTorch's
 * gate order i, f, g, o) for n rows, forward and backward, each in ONE pass over its rows. Gate rows are dense
 * `[4H]` (row r at `gOff + r·4H`), state and gradient rows dense `[H]`. Kernels: they trust their arguments.
 *
 * When every array is float32 and lies in the wasm arena (`wasmArray`) and the wasm backend is in use, they run
 * `assembly/recurrent.ts` (four lanes at a time, float32 arithmetic, core's SIMD tanh/σ); otherwise the plain
 * loops below, with `Math.tanh` and the stable logistic in the arrays' own precision.
 */

/**
 * Forward: `gates` hold x W_ihᵀ + h W_hhᵀ on entry and i, f, g, o on exit, after `bias` (`[4H]` from
 * `biasOff`, b_ih + b_hh) is added; writes c_t = f⊙c_{t−1} + i⊙g, tanh(c_t) and h_t = o⊙tanh(c_t).
 */
export function lstmForwardKernel(
  n: number,
  H: number,
  gates: TypedArray,
  gOff: number,
  bias: TypedArray,
  biasOff: number,
  cPrev: TypedArray,
  cpOff: number,
  c: TypedArray,
  cOff: number,
  tanhC: TypedArray,
  tcOff: number,
  h: TypedArray,
  hOff: number,
): void {
  if (n <= 0 || H <= 0) return;
  const w = wasmBackend();
  if (w !== null) {
    const buf = w.buffer;
    const nH = n * H;
    const pg = arenaPointer(gates, gOff, 4 * nH, buf);
    const pb = arenaPointer(bias, biasOff, 4 * H, buf);
    const pcp = arenaPointer(cPrev, cpOff, nH, buf);
    const pc = arenaPointer(c, cOff, nH, buf);
    const ptc = arenaPointer(tanhC, tcOff, nH, buf);
    const ph = arenaPointer(h, hOff, nH, buf);
    if (pg >= 0 && pb >= 0 && pcp >= 0 && pc >= 0 && ptc >= 0 && ph >= 0) {
      w.kernels.lstmForwardF32(n, H, pg, pb, pcp, pc, ptc, ph);
      return;
    }
  }
  const H4 = 4 * H;
  for (let r = 0; r < n; r++) {
    const g0 = gOff + r * H4;
    const s = r * H;
    for (let j = 0; j < H; j++) {
      const i = sigmoidScalar(gates[g0 + j] + bias[biasOff + j]);
      const f = sigmoidScalar(gates[g0 + H + j] + bias[biasOff + H + j]);
      const g = Math.tanh(gates[g0 + 2 * H + j] + bias[biasOff + 2 * H + j]);
      const o = sigmoidScalar(gates[g0 + 3 * H + j] + bias[biasOff + 3 * H + j]);
      gates[g0 + j] = i;
      gates[g0 + H + j] = f;
      gates[g0 + 2 * H + j] = g;
      gates[g0 + 3 * H + j] = o;
      c[cOff + s + j] = f * cPrev[cpOff + s + j] + i * g;
      const t = Math.tanh(c[cOff + s + j]);
      tanhC[tcOff + s + j] = t;
      h[hOff + s + j] = o * tanhC[tcOff + s + j];
    }
  }
}

/**
 * Backward: reads i, f, g, o (`gates`), c_{t−1} and tanh(c_t); `dh` is the total dL/dh_t, `dcIn` dL/dc_t
 * through c_{t+1}. Writes the total dL/dc_t to `dcOut` (may be `dcIn` itself), dL/dc_t⊙f to `dcPrev` (the
 * previous step's `dcIn`) and dL/d(pre-activation) of i, f, g, o to `dG` (`[n, 4H]` from `dGOff`).
 */
export function lstmBackwardKernel(
  n: number,
  H: number,
  gates: TypedArray,
  gOff: number,
  cPrev: TypedArray,
  cpOff: number,
  tanhC: TypedArray,
  tcOff: number,
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
  if (n <= 0 || H <= 0) return;
  const w = wasmBackend();
  if (w !== null) {
    const buf = w.buffer;
    const nH = n * H;
    const pg = arenaPointer(gates, gOff, 4 * nH, buf);
    const pcp = arenaPointer(cPrev, cpOff, nH, buf);
    const ptc = arenaPointer(tanhC, tcOff, nH, buf);
    const pdh = arenaPointer(dh, dhOff, nH, buf);
    const pdi = arenaPointer(dcIn, dcInOff, nH, buf);
    const pdo = arenaPointer(dcOut, dcOutOff, nH, buf);
    const pdp = arenaPointer(dcPrev, dcPrevOff, nH, buf);
    const pdg = arenaPointer(dG, dGOff, 4 * nH, buf);
    if (pg >= 0 && pcp >= 0 && ptc >= 0 && pdh >= 0 && pdi >= 0 && pdo >= 0 && pdp >= 0 && pdg >= 0) {
      w.kernels.lstmBackwardF32(n, H, pg, pcp, ptc, pdh, pdi, pdo, pdp, pdg);
      return;
    }
  }
  const H4 = 4 * H;
  for (let r = 0; r < n; r++) {
    const g0 = gOff + r * H4;
    const d0 = dGOff + r * H4;
    const s = r * H;
    for (let j = 0; j < H; j++) {
      const i = gates[g0 + j];
      const f = gates[g0 + H + j];
      const g = gates[g0 + 2 * H + j];
      const o = gates[g0 + 3 * H + j];
      const t = tanhC[tcOff + s + j];
      const d = dh[dhOff + s + j];
      const dc = dcIn[dcInOff + s + j] + d * o * (1 - t * t);
      dcOut[dcOutOff + s + j] = dc;
      dG[d0 + j] = dc * g * i * (1 - i);
      dG[d0 + H + j] = dc * cPrev[cpOff + s + j] * f * (1 - f);
      dG[d0 + 2 * H + j] = dc * i * (1 - g * g);
      dG[d0 + 3 * H + j] = d * t * o * (1 - o);
      dcPrev[dcPrevOff + s + j] = dc * f;
    }
  }
}
