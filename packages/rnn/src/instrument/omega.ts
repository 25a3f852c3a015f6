import { gemm } from "@vanish/core";
import { CELLS, cellOf } from "../cells/registry";
import { describe } from "../describe";
import type { Workspace } from "../fast/Workspace";
import type { RecurrentModel } from "../model/RecurrentModel";

/** Pascanu's Ω as an extra loss term. */
export interface OmegaOptions {
  /** λ ≥ 0: the objective becomes L + λΩ (Pascanu et al. used 4 on the temporal-order task). */
  weight: number;
}

export function checkOmega(fn: string, model: RecurrentModel, omega: unknown): OmegaOptions {
  if (!omega || typeof omega !== "object") throw new TypeError(`${fn}: options.omega must be an object {weight}, got ${describe(omega)}`);
  const w = (omega as OmegaOptions).weight;
  if (typeof w !== "number" || !(w >= 0 && w < Infinity)) throw new RangeError(`${fn}: options.omega.weight must be a finite number >= 0, got ${describe(w)}`);
  if (!cellOf(model.cell).omega) {
    const cells = Object.entries(CELLS).filter(([, c]) => c.omega).map(([name]) => JSON.stringify(name));
    throw new TypeError(`${fn}: options.omega (Pascanu's Ω) is defined for the vanilla RNN (${cells.join(", ")}), got a ${JSON.stringify(model.cell)} model`);
  }
  return omega as OmegaOptions;
}

/**
 * Pascanu, Mikolov & Bengio (2013), eq. (9): Ω = Σ_k (‖∂L/∂h_{k+1} · ∂h_{k+1}/∂h_k‖ / ‖∂L/∂h_{k+1}‖ − 1)²,
 * the penalty that asks every backward step to preserve the norm of the error signal. Here per layer and
 * example b, over k = 0 … T−2, with u = dL/dh_{k+1} ⊙ act′ (the workspace's `dG` row) and vᵀ = uᵀW_hh,
 * Ω = (1/B) Σ_b Σ_k (‖v‖/‖g‖ − 1)², g = dL/dh_{k+1} (the total derivative of the data loss). Terms with g = 0
 * (steps after an example's last loss) are skipped; layers add up.
 *
 * As in the paper, only the immediate derivative is used: g and act′ are held constant, so
 * ∂Ω/∂W_hh[i, j] = (1/B) Σ 2(r − 1)/(‖g‖‖v‖) · u_i v_j with r = ‖v‖/‖g‖, which is one gemm over all steps.
 * `weight`·∂Ω/∂W_hh is ADDED to `weight_hh.grad`. Returns Ω (without the weight). Must run after the backward
 * pass, which leaves the total dL/dh_t in `dH` and u in `dG`.
 */
export function applyOmega(model: RecurrentModel, ws: Workspace, T: number, B: number, weight: number): number {
  const H = model.hiddenSize;
  const rows = (T - 1) * B;
  if (rows === 0) return 0;
  const V = ws.omegaRows;
  let omega = 0;
  for (let l = 0; l < model.numLayers; l++) {
    const { dG, dH } = ws.layers[l];
    const Whh = model.layers[l].weightHh.data;
    // V[k, b] = u_{k+1, b}ᵀ W_hh for all k at once; u rows start at step 1 of dG.
    gemm(false, false, rows, H, H, 1, dG, B * H, H, Whh, 0, H, 0, V, 0, H);
    for (let r = 0; r < rows; r++) {
      const gOff = (r + B) * H;
      const vOff = r * H;
      let g2 = 0;
      let v2 = 0;
      for (let j = 0; j < H; j++) {
        g2 += dH[gOff + j] * dH[gOff + j];
        v2 += V[vOff + j] * V[vOff + j];
      }
      const gn = Math.sqrt(g2);
      const vn = Math.sqrt(v2);
      let c = 0;
      if (gn > 0) {
        const ratio = vn / gn;
        omega += (ratio - 1) * (ratio - 1);
        if (vn > 0) c = (weight * 2 * (ratio - 1)) / (gn * vn * B);
      }
      for (let j = 0; j < H; j++) V[vOff + j] *= c;
    }
    // dW_hh += Σ_rows u ⊗ (c·v): U rows are dG's steps 1 … T−1.
    gemm(true, false, H, H, rows, 1, dG, B * H, H, V, 0, H, 1, model.layers[l].weightHh.grad!.data, 0, H);
  }
  return omega / B;
}
