import type { TypedArray } from "../dtype";
import { wasmBackend } from "./backend";
import { arenaPointer } from "./arenaOperand";

/**
 * The pointwise part of one GRU step in PyTorch's reset-after form (Cho et al. 2014; gate order r, z, n) for n
 * rows, forward and backward, each in ONE pass over its rows. Gate rows are dense `[3H]` (row r at
 * `off + r·3H`), state and gradient rows dense `[H]`. Kernels: they trust their arguments.
 *
 * When every array is float32 and lies in the wasm arena (`wasmArray`) and the wasm backend is in use, they run
 * `assembly/recurrent.ts` (four lanes at a time, float32 arithmetic, core's SIMD tanh/σ) and return true;
 * otherwise they do nothing and return false, as `gemmWasm` does, and the caller runs its own JavaScript step
 * (`@vanish/rnn` keeps one per cell, in `src/cells/`).
 */

/**
 * Forward: `gi` rows hold x W_ihᵀ on entry and r, z, n on exit; `gh` rows hold h_{t−1} W_hhᵀ on entry and, on
 * exit, their n block holds h_{t−1} W_hnᵀ + b_hn (the backward needs it). Adds the biases `bih`, `bhh` (`[3H]`
 * each, from `bihOff`, `bhhOff`): r = σ(x_r + h_r + b_ir + b_hr), z likewise, n = tanh(x_n + b_in + r⊙(h_n + b_hn));
 * writes h_t = (1 − z)⊙n + z⊙h_{t−1}.
 */
export function gruForwardKernel(
  n: number,
  H: number,
  gi: TypedArray,
  giOff: number,
  gh: TypedArray,
  ghOff: number,
  bih: TypedArray,
  bihOff: number,
  bhh: TypedArray,
  bhhOff: number,
  hPrev: TypedArray,
  hpOff: number,
  h: TypedArray,
  hOff: number,
): boolean {
  const w = wasmBackend();
  if (w !== null && n > 0 && H > 0) {
    const buf = w.buffer;
    const nH = n * H;
    const pgi = arenaPointer(gi, giOff, 3 * nH, buf);
    const pgh = arenaPointer(gh, ghOff, 3 * nH, buf);
    const pbi = arenaPointer(bih, bihOff, 3 * H, buf);
    const pbh = arenaPointer(bhh, bhhOff, 3 * H, buf);
    const php = arenaPointer(hPrev, hpOff, nH, buf);
    const ph = arenaPointer(h, hOff, nH, buf);
    if (pgi >= 0 && pgh >= 0 && pbi >= 0 && pbh >= 0 && php >= 0 && ph >= 0) {
      w.kernels.gruForwardF32(n, H, pgi, pgh, pbi, pbh, php, ph);
      return true;
    }
  }
  return false;
}

/**
 * Backward: reads r, z, n (`gates`), the n block of `gh` (h_{t−1} W_hnᵀ + b_hn) and h_{t−1}; `dh` is the total
 * dL/dh_t. Writes dL/d(x-side pre-activations) [r, z, n] to `dGi` and dL/d(h-side pre-activations)
 * [r, z, n⊙r] to `dGh` (`[n, 3H]` each), and ADDS the direct path z⊙dh to `dhPrev`.
 */
export function gruBackwardKernel(
  n: number,
  H: number,
  gates: TypedArray,
  gOff: number,
  gh: TypedArray,
  ghOff: number,
  hPrev: TypedArray,
  hpOff: number,
  dh: TypedArray,
  dhOff: number,
  dGi: TypedArray,
  dGiOff: number,
  dGh: TypedArray,
  dGhOff: number,
  dhPrev: TypedArray,
  dhPrevOff: number,
): boolean {
  const w = wasmBackend();
  if (w !== null && n > 0 && H > 0) {
    const buf = w.buffer;
    const nH = n * H;
    const pg = arenaPointer(gates, gOff, 3 * nH, buf);
    const pgh = arenaPointer(gh, ghOff, 3 * nH, buf);
    const php = arenaPointer(hPrev, hpOff, nH, buf);
    const pdh = arenaPointer(dh, dhOff, nH, buf);
    const pdi = arenaPointer(dGi, dGiOff, 3 * nH, buf);
    const pdg = arenaPointer(dGh, dGhOff, 3 * nH, buf);
    const pdp = arenaPointer(dhPrev, dhPrevOff, nH, buf);
    if (pg >= 0 && pgh >= 0 && php >= 0 && pdh >= 0 && pdi >= 0 && pdg >= 0 && pdp >= 0) {
      w.kernels.gruBackwardF32(n, H, pg, pgh, php, pdh, pdi, pdg, pdp);
      return true;
    }
  }
  return false;
}
