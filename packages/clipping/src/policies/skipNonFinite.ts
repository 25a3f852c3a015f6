// The `skip` policy: when a gradient holds NaN or ±Infinity, report that the optimiser step must be skipped and
// count the skips (as PyTorch's GradScaler skips `optimizer.step()` on inf/NaN gradients).
import { countElements, describe, type GradList } from "../grads";
import { nonFiniteTotal, type Measurement } from "../measure";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject, type ClipState } from "../strategy";
import { zeroFill } from "./zeroFill";

/**
 * Spec `skip`. On non-finite gradients it sets `stats.skip`, adds one to `skipped` and zero-fills the gradients
 * (so that a plain SGD step taken by mistake moves nothing; with momentum or Adam the step itself must be
 * skipped). Units are elements; when it skips, all of them count as clipped. State: `{ skipped }`.
 */
export class SkipNonFinite extends ClipStrategyBase {
  readonly kind = "skip";
  protected readonly label = "SkipNonFinite";
  /** How many updates were skipped so far. */
  skipped = 0;

  get spec(): string {
    return "skip";
  }

  toJSON(): ClipSpecObject {
    return { type: "skip" };
  }

  protected clip(grads: GradList, _context: unknown, before: Measurement): ClipOutcome {
    const units = countElements(grads);
    if (nonFiniteTotal(before) === 0) return { threshold: null, units, clippedUnits: 0, details: { skipped: this.skipped } };
    this.skipped++;
    zeroFill(grads);
    return { threshold: null, units, clippedUnits: units, skip: true, details: { skipped: this.skipped } };
  }

  override getState(): ClipState {
    return { type: "skip", skipped: this.skipped };
  }

  override setState(state: ClipState | null): void {
    const fn = `${this.label}.setState`;
    if (!state || state.type !== "skip") {
      throw new TypeError(`${fn}: state.type must be "skip", got ${describe(state === null ? null : (state as { type?: unknown }).type)}`);
    }
    if (!(Number.isInteger(state.skipped) && state.skipped >= 0)) {
      throw new RangeError(`${fn}: state.skipped must be an integer >= 0, got ${describe(state.skipped)}`);
    }
    this.skipped = state.skipped;
  }

  override reset(): void {
    this.skipped = 0;
  }
}
