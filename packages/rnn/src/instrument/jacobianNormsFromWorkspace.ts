// The Jacobian norms read off a workspace after a forward pass (what `lossAndGrad`'s `record.jacobianNorms`
// returns); the public entry point that runs the forward pass first is jacobianNorms.ts.
import { Random, gemm, type TypedArray } from "@vanish/core";
import { cellOf } from "../cells/registry";
import { describe } from "../describe";
import type { ProbeRows } from "../fast/LayerBuffers";
import type { Workspace } from "../fast/Workspace";
import type { RecurrentModel } from "../model/RecurrentModel";

export interface JacobianOptions {
  /** The layer whose recurrence is followed (default the top one). */
  layer?: number;
  /**
   * "exact": push all H unit vectors back (the full Jacobian, cost ∝ H³ per step and example); "estimate":
   * push `probes` random ±1 vectors back (Hutchinson's estimator of ‖J‖_F², cost ∝ probes·H²); "auto"
   * (default): exact when H ≤ 32.
   */
  method?: "exact" | "estimate" | "auto";
  /** Random probes for "estimate" (default 16). */
  probes?: number;
  /** Seed of the probes (default 0). */
  seed?: number;
}

/** ‖∂h_T/∂h_t‖_F for every step t of every example, as plain typed arrays. */
export interface JacobianNorms {
  method: "exact" | "estimate";
  /** Vectors pushed back per example (H when exact). */
  probes: number;
  layer: number;
  /**
   * `[T·B]`, time-major: ‖∂h_{T_b}/∂h_t‖_F of example b, where T_b is its last step (`lengths[b] − 1`, or
   * T − 1); the Jacobian at t = T_b is the identity (norm √H); NaN for t > T_b.
   */
  perExample: Float64Array;
  /** `[T]`: the mean over the examples with t ≤ T_b. */
  mean: Float64Array;
}

/**
 * The norm of the Jacobian product ∂h_T/∂h_t = Π_{s=t+1}^{T} ∂h_s/∂h_{s−1} for every t, read off the
 * activations a forward pass left in the workspace. Vectors v are pushed back through the cell's own backward
 * step (the cell record's `jacobianStep`: vector–Jacobian products, with every probe row reading the one
 * example's activations) and the recurrent gemm. Exact: with v = e_1 … e_H the rows are those of J, so Σ‖vᵀJ‖² = ‖J‖_F². Estimate: with
 * Rademacher v, E‖vᵀJ‖² = ‖J‖_F² (Hutchinson 1989), so the mean over P probes is unbiased for ‖J‖_F² and its
 * relative standard deviation is at most √(2/P) (≈ 0.35 for P = 16). For an LSTM the derivative is with c_t
 * held fixed (the paths through c_t are followed in the product).
 */
export function jacobianNormsFromWorkspace(
  model: RecurrentModel,
  ws: Workspace,
  T: number,
  B: number,
  lengths: ArrayLike<number> | null,
  options: JacobianOptions,
): JacobianNorms {
  const fn = "jacobianNorms";
  const H = model.hiddenSize;
  const cell = cellOf(model.cell);
  const GH = cell.gates.length * H;
  const layer = options.layer ?? model.numLayers - 1;
  if (!Number.isInteger(layer) || layer < 0 || layer >= model.numLayers) {
    throw new RangeError(`${fn}: options.layer must be an integer in [0, ${model.numLayers - 1}], got ${describe(layer)}`);
  }
  const requested = options.method ?? "auto";
  if (requested !== "exact" && requested !== "estimate" && requested !== "auto") {
    throw new TypeError(`${fn}: options.method must be "exact", "estimate" or "auto", got ${describe(requested)}`);
  }
  const method = requested === "auto" ? (H <= 32 ? "exact" : "estimate") : requested;
  const P = method === "exact" ? H : (options.probes ?? 16);
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`${fn}: options.probes must be an integer >= 1, got ${describe(P)}`);
  const rng = new Random(options.seed ?? 0);
  const scale = method === "exact" ? 1 : 1 / P;

  const alloc = (n: number): TypedArray => (model.dtype === "float64" ? new Float64Array(n) : new Float32Array(n));
  const rows: ProbeRows = { dh: alloc(P * H), dhPrev: alloc(P * H), dc: alloc(P * H), dcPrev: alloc(P * H), dG: alloc(P * GH), dGh: alloc(P * GH) };
  const perExample = new Float64Array(T * B).fill(NaN);
  const buf = ws.layers[layer];
  const Whh = model.layers[layer].weightHh.data;

  for (let b = 0; b < B; b++) {
    const end = lengths ? lengths[b] - 1 : T - 1;
    for (let k = 0; k < P * H; k++) {
      rows.dh[k] = method === "exact" ? (Math.floor(k / H) === k % H ? 1 : 0) : rng.uniform() < 0.5 ? -1 : 1;
      rows.dc[k] = 0;
    }
    perExample[end * B + b] = frobenius(rows.dh, P * H, scale);
    for (let t = end; t > 0; t--) {
      // rows.dh holds vᵀ ∂h_end/∂h_t; one backward step gives vᵀ ∂h_end/∂h_{t−1} in rows.dhPrev.
      rows.dhPrev.fill(0);
      cell.jacobianStep(buf, t, b, B, H, P, rows);
      gemm(false, false, P, H, GH, 1, cell.separateRecurrent ? rows.dGh : rows.dG, 0, GH, Whh, 0, H, 1, rows.dhPrev, 0, H);
      // The previous step's vectors become the current ones (a swap of references, no copy).
      const h = rows.dh;
      rows.dh = rows.dhPrev;
      rows.dhPrev = h;
      if (cell.cellState) {
        const c = rows.dc;
        rows.dc = rows.dcPrev;
        rows.dcPrev = c;
      }
      perExample[(t - 1) * B + b] = frobenius(rows.dh, P * H, scale);
    }
  }
  const mean = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    let n = 0;
    for (let b = 0; b < B; b++) {
      const v = perExample[t * B + b];
      if (!Number.isNaN(v)) {
        s += v;
        n++;
      }
    }
    mean[t] = n > 0 ? s / n : NaN;
  }
  return { method, probes: P, layer, perExample, mean };
}

function frobenius(a: TypedArray, n: number, scale: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[k] * a[k];
  return Math.sqrt(s * scale);
}
