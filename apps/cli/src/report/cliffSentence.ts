import type { CliffResult } from "../experiments/cliff/cliffExperiment";
import type { SgdPath } from "../experiments/cliff/sgdPath";
import { formatNumber } from "./format";

/** The longest single update of a path: its index k (from iterate k to k + 1) and its length. */
export function longestStep(path: SgdPath): { k: number; length: number } {
  let best = { k: -1, length: -Infinity };
  for (let k = 0; k + 1 < path.w.length; k++) {
    const length = Math.hypot(path.w[k + 1]! - path.w[k]!, path.b[k + 1]! - path.b[k]!);
    if (length > best.length) best = { k, length };
  }
  return best;
}

const point = (p: SgdPath, k: number) => `(${formatNumber(p.w[k]!)}, ${formatNumber(p.b[k]!)})`;

/** The cliff's two paths in words, every number read from `result`. */
export function cliffSentence(result: CliffResult): string {
  const { plain, clipped, lr, maxNorm, steps } = result;
  const jump = longestStep(plain);
  const last = plain.w.length - 1;
  const clippedJump = longestStep(clipped);
  const clippedCount = clipped.clipped.filter(Boolean).length;
  return (
    `Plain SGD (learning rate ${formatNumber(lr)}) from ${point(plain, 0)} met a gradient of norm ${formatNumber(plain.gradNorm[jump.k]!)} ` +
    `at step ${jump.k + 1} and was thrown ${formatNumber(jump.length)} in one update, from ${point(plain, jump.k)} to ${point(plain, jump.k + 1)}; ` +
    `after ${steps} steps its error is ${formatNumber(plain.error[last]!)} and its gradient ${formatNumber(plain.gradNorm[last]!)}. ` +
    `With the gradient clipped to norm ${formatNumber(maxNorm)} (${clippedCount} of ${steps} updates clipped), no update is longer than ` +
    `${formatNumber(clippedJump.length)}, and after ${steps} steps the error is ${formatNumber(clipped.error[last]!)} ` +
    `(lowest on the path: ${formatNumber(Math.min(...clipped.error))}).`
  );
}
