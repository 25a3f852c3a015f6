import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { gemm, gemmNaive } from "./gemm";

/** op(X)(i, k) for a row-major stored matrix with leading dimension ld. */
function at(X: ArrayLike<number>, off: number, ld: number, trans: boolean, i: number, k: number): number {
  return trans ? X[off + k * ld + i] : X[off + i * ld + k];
}

function reference(tA: boolean, tB: boolean, M: number, N: number, K: number, alpha: number, A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, ldb: number, beta: number, C: Float64Array, cOff: number, ldc: number) {
  const out = Float64Array.from(C);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += at(A, aOff, lda, tA, i, k) * at(B, bOff, ldb, tB, k, j);
      const prev = beta === 0 ? 0 : beta * C[cOff + i * ldc + j];
      out[cOff + i * ldc + j] = alpha * acc + prev;
    }
  }
  return out;
}

function filled(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(seed * 1000 + i * 1.37);
  return out;
}

describe("gemm", () => {
  it("matches the naive triple loop on a square product", () => {
    const n = 37;
    const A = filled(n * n, 1);
    const B = filled(n * n, 2);
    const C1 = new Float64Array(n * n);
    const C2 = new Float64Array(n * n);
    gemm(false, false, n, n, n, 1, A, 0, n, B, 0, n, 0, C1, 0, n);
    gemmNaive(n, n, n, A, B, C2);
    expectClose(C1, C2, { rtol: 1e-12, atol: 1e-12 });
  });

  it("handles every transpose combination, odd sizes, offsets, padded leading dimensions, alpha and beta", () => {
    fc.assert(
      fc.property(
        fc.boolean(), fc.boolean(),
        fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 1, 0.5), fc.constantFrom(1, -2),
        (tA, tB, M, N, K, pad, beta, alpha) => {
          const lda = (tA ? M : K) + pad;
          const ldb = (tB ? K : N) + pad;
          const ldc = N + pad;
          const aOff = 3, bOff = 5, cOff = 7;
          const A = filled(aOff + (tA ? K : M) * lda, 3);
          const B = filled(bOff + (tB ? N : K) * ldb, 4);
          const C = filled(cOff + M * ldc, 5);
          const expected = reference(tA, tB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
          gemm(tA, tB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
          expectClose(C, expected, { rtol: 1e-12, atol: 1e-12 });
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });

  it("overwrites C with beta = 0 even when it holds NaN", () => {
    const C = new Float64Array([NaN, NaN, NaN, NaN]);
    gemm(false, false, 2, 2, 1, 1, new Float64Array([1, 2]), 0, 1, new Float64Array([3, 4]), 0, 2, 0, C, 0, 2);
    expect(Array.from(C)).toEqual([3, 4, 6, 8]);
  });

  it("writes float32 outputs rounded from a double-precision sum", () => {
    const A = new Float32Array([1e8, 1, -1e8]);
    const B = new Float32Array([1, 1, 1]);
    const C = new Float32Array(1);
    gemm(false, false, 1, 1, 3, 1, A, 0, 3, B, 0, 1, 0, C, 0, 1);
    expect(C[0]).toBe(1);
  });
});
