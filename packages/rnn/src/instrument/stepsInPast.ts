import { describe } from "../describe";

export interface StepsInPastOptions {
  /** A step still counts while its norm is at least `threshold` times the norm at `end` (default 0.01). */
  threshold?: number;
  /** The step the error starts from (default: the last step with a non-zero norm). */
  end?: number;
}

/**
 * How many steps into the past the error signal reaches: the largest k such that every step from `end − k`
 * to `end` keeps ‖dL/dh_t‖ ≥ threshold·‖dL/dh_end‖. Pascanu et al. (2013) argue about how far back the error
 * signal travels before it vanishes; the paper gives no formula, so this is our operational reading of their
 * "steps in the past": read it beside the threshold. Pass the per-step norms of the total dL/dh_t
 * (`hiddenGradNorms.perStep`) or of ∂h_T/∂h_t (`jacobianNorms.mean`).
 *
 * @example
 * stepsInPast([1e-9, 1e-4, 0.02, 0.3, 1]); // 2 (0.3 and 0.02 are ≥ 0.01, 1e-4 is not)
 */
export function stepsInPast(norms: ArrayLike<number>, options: StepsInPastOptions = {}): number {
  const fn = "stepsInPast";
  if (!norms || typeof norms.length !== "number") throw new TypeError(`${fn}: norms must be an array of numbers, got ${describe(norms)}`);
  const threshold = options.threshold ?? 0.01;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`${fn}: options.threshold must be in (0, 1], got ${describe(threshold)}`);
  let end = options.end;
  if (end === undefined) {
    end = norms.length - 1;
    while (end >= 0 && !(norms[end] > 0)) end--;
    if (end < 0) return 0;
  } else if (!Number.isInteger(end) || end < 0 || end >= norms.length) {
    throw new RangeError(`${fn}: options.end must be a step in [0, ${norms.length - 1}], got ${describe(end)}`);
  }
  const floor = threshold * norms[end];
  let k = 0;
  while (end - k - 1 >= 0 && norms[end - k - 1] >= floor) k++;
  return k;
}
