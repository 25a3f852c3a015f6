// TensorFlow's `tf.clip_by_global_norm` (the rule of Pascanu et al. 2013 without PyTorch's 1e-6):
// g ← g · c / max(N, c) with N the Euclidean norm of all elements; N = ∞ turns every entry into NaN on purpose,
// "to signal that an error occurred" (TF docs).
import { checkGrads, checkPositive, type GradList } from "../grads";
import { scale } from "../kernels";
import type { Measurement } from "../measure";
import { globalL2 } from "../norms";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject } from "../strategy";

/**
 * The TF scale for global norm n: c/max(n, c), NaN when n is ±Infinity or NaN.
 * TF computes c·min(1/n, 1/c), which can differ from 1 by one ulp below the threshold; this uses the documented
 * formula, so gradients below the threshold stay bitwise unchanged (a deliberate divergence).
 */
function tfFactor(n: number, c: number): number {
  return n < Infinity ? c / Math.max(n, c) : NaN;
}

function scaleAll(grads: GradList, f: number): void {
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) scale(g.data, g.offset, g.size, f);
  }
}

/**
 * `tf.clip_by_global_norm` in place: g ← g·clipNorm/max(N, clipNorm), N = ‖all elements‖₂. Returns N (before
 * clipping). Unlike {@link clipGradNorm} there is no 1e-6 and an infinite N makes every element NaN.
 * Allocates nothing.
 *
 * @param grads gradient tensors of any shapes (dense; null entries are skipped)
 * @param clipNorm c > 0
 */
export function clipByGlobalNorm(grads: GradList, clipNorm: number): number {
  const fn = "clipByGlobalNorm";
  checkGrads(fn, "grads", grads);
  checkPositive(fn, "clipNorm", clipNorm);
  const n = globalL2(grads);
  const f = tfFactor(n, clipNorm);
  if (f !== 1) scaleAll(grads, f);
  return n;
}

/** {@link clipByGlobalNorm} as a strategy (spec `tfglobalnorm:MAX`). One unit; `threshold` is MAX. */
export class TFGlobalNormClip extends ClipStrategyBase {
  readonly kind = "tfglobalnorm";
  protected readonly label = "TFGlobalNormClip";
  readonly clipNorm: number;

  constructor(clipNorm: number) {
    super();
    this.clipNorm = checkPositive(this.label, "clipNorm", clipNorm);
  }

  get spec(): string {
    return `tfglobalnorm:${this.clipNorm}`;
  }

  toJSON(): ClipSpecObject {
    return { type: "tfglobalnorm", clipNorm: this.clipNorm };
  }

  protected clip(grads: GradList, _context: unknown, before: Measurement): ClipOutcome {
    const f = tfFactor(before.norm, this.clipNorm);
    if (f !== 1) scaleAll(grads, f);
    return { threshold: this.clipNorm, units: 1, clippedUnits: f === 1 ? 0 : 1, details: { factor: f } };
  }
}
