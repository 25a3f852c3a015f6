// The `error` policy: stop with an error as soon as a gradient holds NaN or ±Infinity, like PyTorch's
// `clip_grad_norm_(..., error_if_nonfinite=True)` but usable in front of any strategy.
import { countElements, type GradList } from "../grads";
import { nonFiniteError } from "../errors";
import { nonFiniteTotal, type Measurement } from "../measure";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject } from "../strategy";

/**
 * Throws a {@link NonFiniteGradientError} naming where the NaN/±Infinity elements are; otherwise leaves the
 * gradients alone (spec `error`). Units are elements; no threshold.
 */
export class ErrorOnNonFinite extends ClipStrategyBase {
  readonly kind = "error";
  protected readonly label = "ErrorOnNonFinite";

  get spec(): string {
    return "error";
  }

  toJSON(): ClipSpecObject {
    return { type: "error" };
  }

  protected clip(grads: GradList, _context: unknown, before: Measurement): ClipOutcome {
    if (nonFiniteTotal(before) > 0) {
      throw nonFiniteError(`${this.label}.apply`, "the gradients are not finite", grads, "the error policy stops here (use skip or applyIfFinite to carry on)");
    }
    return { threshold: null, units: countElements(grads), clippedUnits: 0 };
  }
}
