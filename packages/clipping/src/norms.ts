// Global norms over a list of gradient tensors (no validation; callers validate once).
//
// Why the loops are written out here instead of calling the per-block kernels: V8 returns a float64 from a call it
// does not inline as a freshly boxed 16-byte HeapNumber, so one kernel call per tensor would allocate per tensor.
// `computeGlobalNorm` keeps every partial result in locals and leaves the norm in `normOut[0]`, so the global-norm
// path allocates nothing whatever V8 decides to inline (allocation.test.ts measures it).
import type { GradList } from "./grads";
import { scaledSumSquares } from "./kernels";

/** The norm types the global-norm functions accept (as `torch.nn.utils.get_total_norm`'s common cases). */
export type NormType = 1 | 2 | typeof Infinity;

/** The norm type as a small integer (0 for Infinity), so that it crosses calls unboxed (Infinity is a float64). */
export type NormCode = 0 | 1 | 2;

/**
 * Scratch for the global-norm path: `normOut[0]` is the norm {@link computeGlobalNorm} leaves, `normOut[1]` the
 * clip factor computed from it. Values travel through it instead of through arguments and return values, because
 * V8 boxes a float64 that crosses a call it does not inline (a 16-byte HeapNumber each time).
 */
export const normOut = new Float64Array(2);

/** Sets `normOut[0]` to max |x| over all tensors (NaN when any element is NaN). */
function computeGlobalMaxAbs(grads: GradList): void {
  let m = 0;
  for (let t = 0; t < grads.length; t++) {
    const g = grads[t];
    if (!g) continue;
    const d = g.data;
    for (let i = g.offset, end = g.offset + g.size; i < end; i++) {
      const a = Math.abs(d[i]);
      if (a > m) m = a;
      else if (a !== a) {
        normOut[0] = NaN;
        return;
      }
    }
  }
  normOut[0] = m;
}

/**
 * Sets `normOut[0]` to the p-norm (code 1, 2, or 0 for Infinity) of all elements together, accumulated in float64 for
 * both dtypes. For p = 2, only when the sum of squares overflows or underflows (float64 values beyond ~1e±140)
 * does a second pass scale by the largest magnitude, so huge but finite gradients get a finite norm. The 1-norm
 * needs no such care: its partial sums only grow, so it overflows only when the norm itself does.
 */
export function computeGlobalNorm(grads: GradList, code: NormCode): void {
  if (code === 0) {
    computeGlobalMaxAbs(grads);
    return;
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < grads.length; t++) {
    const g = grads[t];
    if (!g) continue;
    const d = g.data;
    const end = g.offset + g.size;
    let i = g.offset;
    if (code === 1) {
      for (; i < end; i++) s0 += Math.abs(d[i]);
      continue;
    }
    for (const end4 = g.offset + (g.size & ~3); i < end4; i += 4) {
      const a = d[i];
      const b = d[i + 1];
      const c = d[i + 2];
      const e = d[i + 3];
      s0 += a * a;
      s1 += b * b;
      s2 += c * c;
      s3 += e * e;
    }
    for (; i < end; i++) s0 += d[i] * d[i];
  }
  const s = s0 + s1 + s2 + s3;
  if (code === 1) {
    normOut[0] = s;
    return;
  }
  if ((s < Infinity && s > 1e-280) || s !== s) {
    normOut[0] = Math.sqrt(s);
    return;
  }
  // rare: rescale by the largest magnitude (allocation here does not matter)
  computeGlobalMaxAbs(grads);
  const m = normOut[0];
  if (m === 0 || m === Infinity) return;
  let r = 0;
  for (let t = 0; t < grads.length; t++) {
    const g = grads[t];
    if (g) r += scaledSumSquares(g.data, g.offset, g.size, m);
  }
  normOut[0] = m * Math.sqrt(r);
}

/** The Euclidean norm of all elements together (see {@link computeGlobalNorm}). */
export function globalL2(grads: GradList): number {
  computeGlobalNorm(grads, 2);
  return normOut[0];
}
