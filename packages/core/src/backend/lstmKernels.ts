import type { TypedArray } from "../dtype";
import { wasmBackend } from "./backend";
import { arenaPointer } from "./arenaOperand";

/**
 * The pointwise part of one LSTM step (Hochreiter & Schmidhuber 1997, forget gate of Gers et al. 2000; PyTorch's
 * gate order i, f, g, o) for n rows, forward and backward, each in ONE pass over its rows. Gate rows are dense
 * `[4H]` (row r at `gOff + r·4H`), state and gradient rows dense `[H]`. Kernels: they trust their arguments.
 *
 * When every array is float32 and lies in the wasm arena (`wasmArray`) and the wasm backend is in use, they run
 * `assembly/recurrent.ts` (four lanes at a time, float32 arithmetic, core's SIMD tanh/σ) and return true;
 * otherwise they do nothing and return false, as `gemmWasm` does, and the caller runs its own JavaScript step
 * (`@vanish/rnn` keeps one per cell, in `src/cells/`).
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
): boolean {
  const w = wasmBackend();
  if (w !== null && n > 0 && H > 0) {
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
      return true;
    }
  }
  return false;
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
): boolean {
  const w = wasmBackend();
  if (w !== null && n > 0 && H > 0) {
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
      return true;
    }
  }
  return false;
}
