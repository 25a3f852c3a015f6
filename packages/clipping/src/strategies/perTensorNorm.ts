// Per-tensor norm clipping, the semantics of Keras' `clipnorm` optimizer argument (`keras.ops.clip_by_norm`
// applied to each gradient separately): g_i ← g_i · c / max(‖g_i‖₂, c). It is NOT global-norm clipping: every
// tensor is bounded on its own, so the whole gradient can reach √(tensors)·c and its direction changes.
// Users mix the two up (tensorflow/tensorflow#36001), hence the explicit name.
import { checkGrads, checkPositive, countTensors, type GradList } from "../grads";
import { l2Norm, scale } from "../kernels";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject } from "../strategy";

function clipEach(grads: GradList, c: number): number {
  let clipped = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (!g) continue;
    const f = c / Math.max(l2Norm(g.data, g.offset, g.size), c);
    if (f !== 1) {
      scale(g.data, g.offset, g.size, f);
      clipped++;
    }
  }
  return clipped;
}

/**
 * Clips each gradient tensor by its own Euclidean norm, in place: g_i ← g_i·c/max(‖g_i‖₂, c) (Keras `clipnorm`).
 * A tensor holding NaN becomes all NaN; one holding ±Infinity gets NaN there and 0 elsewhere (as Keras).
 * Returns how many tensors were scaled. Allocates nothing.
 *
 * @param grads gradient tensors of any shapes (dense; null entries are skipped)
 * @param maxNorm c > 0, the largest norm each tensor may keep
 */
export function clipGradNormPerTensor(grads: GradList, maxNorm: number): number {
  const fn = "clipGradNormPerTensor";
  checkGrads(fn, "grads", grads);
  checkPositive(fn, "maxNorm", maxNorm);
  return clipEach(grads, maxNorm);
}

/** {@link clipGradNormPerTensor} as a strategy (spec `tensornorm:MAX`). Units are tensors; `threshold` is MAX. */
export class PerTensorNormClip extends ClipStrategyBase {
  readonly kind = "tensornorm";
  protected readonly label = "PerTensorNormClip";
  readonly maxNorm: number;

  constructor(maxNorm: number) {
    super();
    this.maxNorm = checkPositive(this.label, "maxNorm", maxNorm);
  }

  get spec(): string {
    return `tensornorm:${this.maxNorm}`;
  }

  toJSON(): ClipSpecObject {
    return { type: "tensornorm", maxNorm: this.maxNorm };
  }

  protected clip(grads: GradList): ClipOutcome {
    return { threshold: this.maxNorm, units: countTensors(grads), clippedUnits: clipEach(grads, this.maxNorm) };
  }
}
