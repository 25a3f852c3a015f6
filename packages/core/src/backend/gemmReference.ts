// Test support (not exported from the package): the float64 reference product and its rounding-error bound.
import type { DType } from "../dtype";

/** Unit roundoff of each dtype. */
export const UNIT_ROUNDOFF: Record<DType, number> = { float32: 2 ** -24, float64: 2 ** -53 };

type Numbers = ArrayLike<number>;

/** op(X)(i, k) of a row-major stored matrix with leading dimension ld. */
function at(X: Numbers, off: number, ld: number, trans: boolean, i: number, k: number): number {
  return trans ? X[off + k * ld + i] : X[off + i * ld + k];
}

/**
 * C = alpha·op(A)·op(B) + beta·C in float64 from the stored values (C is not modified; the result is a copy of
 * C with the product written in), and for each element the classical bound on the error of any summation order
 * in `dtype`: (K + 4)·u·(|alpha|·(|A|·|B|) + |beta·C|) (Higham, Accuracy and Stability of Numerical Algorithms,
 * §3.5; the 4 covers alpha, beta, the final add and the rounding to dtype).
 */
export function referenceGemm(
  dtype: DType,
  tA: boolean,
  tB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: Numbers,
  aOff: number,
  lda: number,
  B: Numbers,
  bOff: number,
  ldb: number,
  beta: number,
  C: Numbers,
  cOff: number,
  ldc: number,
): { expected: Float64Array; bound: Float64Array } {
  const expected = Float64Array.from(C);
  const bound = new Float64Array(C.length);
  const gamma = (K + 4) * UNIT_ROUNDOFF[dtype];
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let acc = 0;
      let mag = 0;
      for (let k = 0; k < K; k++) {
        const p = at(A, aOff, lda, tA, i, k) * at(B, bOff, ldb, tB, k, j);
        acc += p;
        mag += Math.abs(p);
      }
      const q = cOff + i * ldc + j;
      const prev = beta === 0 ? 0 : beta * C[q];
      expected[q] = alpha * acc + prev;
      bound[q] = gamma * (Math.abs(alpha) * mag + Math.abs(prev)) + Number.MIN_VALUE;
    }
  }
  return { expected, bound };
}

/**
 * The first element of `actual` outside expected ± bound, described, or null when all are inside. Elements of C
 * outside the product keep their value, so they must match exactly (bound 0).
 */
export function firstOutOfBound(actual: Numbers, expected: Numbers, bound: Numbers): string | null {
  for (let q = 0; q < actual.length; q++) {
    if (!(Math.abs(actual[q] - expected[q]) <= bound[q]) && !Object.is(actual[q], expected[q])) {
      return `C[${q}] = ${actual[q]}, expected ${expected[q]} ± ${bound[q]}`;
    }
  }
  return null;
}

/** max |actual − expected| / max |expected|: the normwise relative error. */
export function normwiseError(actual: Numbers, expected: Numbers): number {
  let worst = 0;
  let scale = 0;
  for (let q = 0; q < actual.length; q++) {
    worst = Math.max(worst, Math.abs(actual[q] - expected[q]));
    scale = Math.max(scale, Math.abs(expected[q]));
  }
  return scale === 0 ? worst : worst / scale;
}
