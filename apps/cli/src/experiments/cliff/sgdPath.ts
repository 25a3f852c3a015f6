import { tensor } from "@vanish/core";
import { clipGradNorm } from "@vanish/clipping";
import { oneUnitRnn, PASCANU_RNN, type OneUnitRnn } from "./oneUnitRnn";

export interface SgdPathOptions {
  /** Learning rate (default 0.5). */
  readonly lr?: number;
  /** Number of updates (default 40). */
  readonly steps?: number;
  /** Clip the gradient's global norm to this value before each update (Pascanu et al. 2013, Algorithm 1); none by default. */
  readonly maxNorm?: number;
  readonly rnn?: OneUnitRnn;
}

/** The iterates of SGD on the one-unit network: `steps + 1` points, the start included. */
export interface SgdPath {
  readonly w: number[];
  readonly b: number[];
  /** E at each iterate. */
  readonly error: number[];
  /** ‖∇E‖ at each iterate, before clipping (the last iterate's too, though no update follows it). */
  readonly gradNorm: number[];
  /** Whether the update leaving each iterate was clipped (`steps` entries). */
  readonly clipped: boolean[];
}

/**
 * Plain or clipped SGD from (w0, b0). Clipping goes through @vanish/clipping's `clipGradNorm`, as a training loop
 * would, on the float64 gradient [∂E/∂w, ∂E/∂b].
 */
export function sgdPath(w0: number, b0: number, options: SgdPathOptions = {}): SgdPath {
  const lr = options.lr ?? 0.5;
  const steps = options.steps ?? 40;
  const rnn = options.rnn ?? PASCANU_RNN;
  if (!(lr > 0)) throw new RangeError(`sgdPath: options.lr must be > 0, got ${lr}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`sgdPath: options.steps must be an integer ≥ 0, got ${steps}`);
  if (options.maxNorm !== undefined && !(options.maxNorm > 0)) {
    throw new RangeError(`sgdPath: options.maxNorm must be > 0, got ${options.maxNorm}`);
  }
  const scratch = new Float64Array(rnn.steps + 1);
  const grad = tensor([0, 0], { dtype: "float64" });
  const path: SgdPath = { w: [w0], b: [b0], error: [], gradNorm: [], clipped: [] };
  let w = w0;
  let b = b0;
  for (let k = 0; ; k++) {
    const g = oneUnitRnn(w, b, rnn, scratch);
    path.error.push(g.error);
    path.gradNorm.push(Math.hypot(g.dw, g.db));
    if (k === steps) break;
    grad.data[0] = g.dw;
    grad.data[1] = g.db;
    if (options.maxNorm !== undefined) {
      const norm = clipGradNorm([grad], options.maxNorm);
      path.clipped.push(norm > options.maxNorm);
    } else {
      path.clipped.push(false);
    }
    w -= lr * grad.data[0]!;
    b -= lr * grad.data[1]!;
    path.w.push(w);
    path.b.push(b);
  }
  return path;
}
