// Block RMS clipping, `optax.clip_by_block_rms(threshold)`: each tensor u ← u / max(1, rms(u)/τ) with
// rms(u) = sqrt(mean(u²)). Like per-tensor norm clipping but size-independent: a tensor's bound is τ·√size.
import { checkGrads, checkPositive, countTensors, type GradList } from "../grads";
import { l2Norm } from "../kernels";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject } from "../strategy";

function clipBlocks(grads: GradList, tau: number): number {
  let clipped = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (!g || g.size === 0) continue;
    const rms = l2Norm(g.data, g.offset, g.size) / Math.sqrt(g.size);
    const denom = Math.max(1, rms / tau);
    if (denom === 1) continue;
    const d = g.data;
    for (let k = g.offset, end = g.offset + g.size; k < end; k++) d[k] /= denom;
    clipped++;
  }
  return clipped;
}

/**
 * `optax.clip_by_block_rms` in place: each tensor u ← u / max(1, rms(u)/threshold). NaN in a tensor makes it
 * all NaN (as optax). Returns how many tensors were scaled. Allocates nothing.
 *
 * @param grads gradient tensors of any shapes (dense; null entries are skipped)
 * @param threshold τ > 0, the largest root-mean-square a tensor may keep
 */
export function clipGradBlockRms(grads: GradList, threshold: number): number {
  const fn = "clipGradBlockRms";
  checkGrads(fn, "grads", grads);
  checkPositive(fn, "threshold", threshold);
  return clipBlocks(grads, threshold);
}

/** {@link clipGradBlockRms} as a strategy (spec `blockrms:T`). Units are tensors; `threshold` is τ (an RMS). */
export class BlockRmsClip extends ClipStrategyBase {
  readonly kind = "blockrms";
  protected readonly label = "BlockRmsClip";
  readonly threshold: number;

  constructor(threshold: number) {
    super();
    this.threshold = checkPositive(this.label, "threshold", threshold);
  }

  get spec(): string {
    return `blockrms:${this.threshold}`;
  }

  toJSON(): ClipSpecObject {
    return { type: "blockrms", threshold: this.threshold };
  }

  protected clip(grads: GradList): ClipOutcome {
    return { threshold: this.threshold, units: countTensors(grads), clippedUnits: clipBlocks(grads, this.threshold) };
  }
}
