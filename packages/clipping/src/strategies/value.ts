// Clipping by value: clamp every element to [−c, c], as `torch.nn.utils.clip_grad_value_` and `optax.clip` do.
// The elementwise clip of Mikolov (2012, "Statistical Language Models Based on Neural Networks", §3.3.1), used
// with c = 5 by recurrentjs, brain.js and min-char-rnn. It changes the direction of the gradient.
import { checkGrads, checkNumber, countElements, type GradList } from "../grads";
import { clampAbs } from "../kernels";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject } from "../strategy";

/**
 * Clamps every gradient element to `[-clipValue, clipValue]` in place. NaN stays NaN and ±Infinity becomes
 * ±clipValue, as `torch.clamp` does.
 *
 * Returns how many elements changed (a deliberate divergence: PyTorch returns nothing; brain.js reports the
 * same count as `ratioClipped`).
 *
 * @param grads gradient tensors of any shapes (dense; null entries are skipped)
 * @param clipValue c ≥ 0
 */
export function clipGradValue(grads: GradList, clipValue: number): number {
  const fn = "clipGradValue";
  checkGrads(fn, "grads", grads);
  checkNumber(fn, "clipValue", clipValue, 0);
  return clampAll(grads, clipValue);
}

function clampAll(grads: GradList, c: number): number {
  let changed = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) changed += clampAbs(g.data, g.offset, g.size, c);
  }
  return changed;
}

/**
 * {@link clipGradValue} as a strategy (spec `value:C`). Units are elements; `threshold` is C.
 */
export class ValueClip extends ClipStrategyBase {
  readonly kind = "value";
  protected readonly label = "ValueClip";
  readonly clipValue: number;

  constructor(clipValue: number) {
    super();
    this.clipValue = checkNumber("ValueClip", "clipValue", clipValue, 0);
  }

  get spec(): string {
    return `value:${this.clipValue}`;
  }

  toJSON(): ClipSpecObject {
    return { type: "value", clipValue: this.clipValue };
  }

  protected clip(grads: GradList): ClipOutcome {
    return { threshold: this.clipValue, units: countElements(grads), clippedUnits: clampAll(grads, this.clipValue) };
  }
}
