// Global norms over a list of gradient tensors (no validation; callers validate once).
import type { GradList } from "./grads";
import { maxAbs, scaledSumSquares, sumAbs, sumSquares } from "./kernels";

/** The norm types the global-norm functions accept (as `torch.nn.utils.get_total_norm`'s common cases). */
export type NormType = 1 | 2 | typeof Infinity;

/** max |x| over all tensors, NaN when any element is NaN. */
export function globalMaxAbs(grads: GradList): number {
  let m = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (!g) continue;
    const a = maxAbs(g.data, g.offset, g.size);
    if (a > m) m = a;
    else if (a !== a) return NaN;
  }
  return m;
}

/**
 * The Euclidean norm of all elements together. Sums of squares are accumulated in float64 for both dtypes;
 * only when that sum overflows or underflows (float64 values beyond ~1e±140) does a second pass scale by the
 * largest magnitude, so huge but finite gradients get a finite norm.
 */
export function globalL2(grads: GradList): number {
  let s = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) s += sumSquares(g.data, g.offset, g.size);
  }
  if (s < Infinity && s > 1e-280) return Math.sqrt(s);
  if (s !== s) return NaN;
  const m = globalMaxAbs(grads);
  if (m === 0 || m === Infinity || m !== m) return m;
  let t = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) t += scaledSumSquares(g.data, g.offset, g.size, m);
  }
  return m * Math.sqrt(t);
}

/** Σ |x| over all elements (partial sums only grow, so it overflows only when the 1-norm itself does). */
export function globalL1(grads: GradList): number {
  let s = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) s += sumAbs(g.data, g.offset, g.size);
  }
  return s;
}

/** The p-norm of all elements together, for p = 1, 2 or Infinity. */
export function globalNorm(grads: GradList, normType: NormType): number {
  if (normType === 2) return globalL2(grads);
  if (normType === 1) return globalL1(grads);
  return globalMaxAbs(grads);
}
