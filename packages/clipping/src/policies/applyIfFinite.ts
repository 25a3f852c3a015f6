// `optax.apply_if_finite(inner, max_consecutive_errors)`: skip updates whose gradients hold NaN or ±Infinity,
// but not forever. Deliberate divergence: after more than `maxConsecutiveFailures` non-finite steps in a row,
// optax lets the non-finite update through (the weights become NaN); here it throws, which says the same thing
// without destroying the weights.
import { checkInteger, countElements, describe, type GradList } from "../grads";
import { nonFiniteError } from "../errors";
import { nonFiniteTotal, type Measurement } from "../measure";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject, type ClipState } from "../strategy";
import { zeroFill } from "./zeroFill";

/**
 * Spec `applyIfFinite:N`. A non-finite step zero-fills the gradients and sets `stats.skip`; the
 * (N+1)-th non-finite step in a row throws a {@link NonFiniteGradientError}. A finite step resets the run.
 * State: `{ consecutive, total }` (optax's `notfinite_count` and `total_notfinite`).
 */
export class ApplyIfFinite extends ClipStrategyBase {
  readonly kind = "applyIfFinite";
  protected readonly label = "ApplyIfFinite";
  readonly maxConsecutiveFailures: number;
  /** Non-finite steps in the current run. */
  consecutive = 0;
  /** Non-finite steps in all. */
  total = 0;

  /** @param maxConsecutiveFailures how many non-finite steps in a row are skipped before it throws (≥ 0) */
  constructor(maxConsecutiveFailures: number) {
    super();
    this.maxConsecutiveFailures = checkInteger(this.label, "maxConsecutiveFailures", maxConsecutiveFailures, 0, Number.MAX_SAFE_INTEGER);
  }

  get spec(): string {
    return `applyIfFinite:${this.maxConsecutiveFailures}`;
  }

  toJSON(): ClipSpecObject {
    return { type: "applyIfFinite", maxConsecutiveFailures: this.maxConsecutiveFailures };
  }

  protected clip(grads: GradList, _context: unknown, before: Measurement): ClipOutcome {
    const units = countElements(grads);
    if (nonFiniteTotal(before) === 0) {
      this.consecutive = 0;
      return { threshold: null, units, clippedUnits: 0, details: { consecutive: 0, total: this.total } };
    }
    this.consecutive++;
    this.total++;
    if (this.consecutive > this.maxConsecutiveFailures) {
      throw nonFiniteError(
        `${this.label}.apply`,
        `${this.consecutive} steps in a row had non-finite gradients, more than maxConsecutiveFailures ${this.maxConsecutiveFailures}`,
        grads,
        "training has diverged",
      );
    }
    zeroFill(grads);
    return { threshold: null, units, clippedUnits: units, skip: true, details: { consecutive: this.consecutive, total: this.total } };
  }

  override getState(): ClipState {
    return { type: "applyIfFinite", consecutive: this.consecutive, total: this.total };
  }

  override setState(state: ClipState | null): void {
    const fn = `${this.label}.setState`;
    if (!state || state.type !== "applyIfFinite") {
      throw new TypeError(`${fn}: state.type must be "applyIfFinite", got ${describe(state === null ? null : (state as { type?: unknown }).type)}`);
    }
    const { consecutive, total } = state;
    if (!(Number.isInteger(consecutive) && Number.isInteger(total) && consecutive >= 0 && total >= consecutive)) {
      throw new RangeError(`${fn}: state.consecutive and state.total must be integers with 0 <= consecutive <= total, got ${describe(consecutive)} and ${describe(total)}`);
    }
    this.consecutive = consecutive;
    this.total = total;
  }

  override reset(): void {
    this.consecutive = 0;
    this.total = 0;
  }
}
