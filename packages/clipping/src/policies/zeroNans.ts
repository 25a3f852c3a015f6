// Replace NaN gradient elements by 0, as `optax.zero_nans()`. ±Infinity is kept (optax does the same); use
// `skip` or `applyIfFinite` to guard against it.
import { checkGrads, countElements, type GradList } from "../grads";
import { zeroNaN } from "../kernels";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject } from "../strategy";
import type { Measurement } from "../measure";

function zeroAll(grads: GradList): number {
  let changed = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) changed += zeroNaN(g.data, g.offset, g.size);
  }
  return changed;
}

/** Sets every NaN gradient element to 0 in place (`optax.zero_nans`); returns how many there were. */
export function zeroNans(grads: GradList): number {
  checkGrads("zeroNans", "grads", grads);
  return zeroAll(grads);
}

/** {@link zeroNans} as a policy (spec `zeroNans`). Units are elements; no threshold. */
export class ZeroNans extends ClipStrategyBase {
  readonly kind = "zeroNans";
  protected readonly label = "ZeroNans";

  get spec(): string {
    return "zeroNans";
  }

  toJSON(): ClipSpecObject {
    return { type: "zeroNans" };
  }

  protected clip(grads: GradList, _context: unknown, before: Measurement): ClipOutcome {
    const clippedUnits = before.nan === 0 ? 0 : zeroAll(grads);
    return { threshold: null, units: countElements(grads), clippedUnits };
  }
}
