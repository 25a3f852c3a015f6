import { wasmBackend } from "../backend/backend";
import { gemmStaged } from "../backend/stagedGemm";
import { gemmWasm } from "../backend/wasmGemm";
import type { TypedArray } from "../dtype";

/**
 * C = alpha·op(A)·op(B) + beta·C, where op(X) is X or Xᵀ (BLAS `gemm` semantics, row-major).
 *
 * A kernel: it trusts its arguments. `A` is read as an M×K matrix: element (i, k) sits at
 * `aOff + i·lda + k` (or `aOff + k·lda + i` when `transA`); likewise B as K×N and C as M×N with `ldc`.
 *
 * Pass `beta = 1` to accumulate into C (as weight-gradient sums over time steps do), `beta = 0` to overwrite
 * (C is then never read, so it may hold garbage or NaN).
 *
 * Backends: when the wasm backend is in use (see `setBackend`), the product runs on the WebAssembly SIMD
 * kernels (assembly/gemm.ts; float32 then accumulates in float32): in place when A, B and C are all views into
 * its arena (`wasmArray`), else — for products of at least 512 multiply-adds — through copies into the arena,
 * which still pays about tenfold. Otherwise, and on the "js" backend, it runs on {@link gemmJs}, the scalar
 * JavaScript kernel below.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: TypedArray,
  aOff: number,
  lda: number,
  B: TypedArray,
  bOff: number,
  ldb: number,
  beta: number,
  C: TypedArray,
  cOff: number,
  ldc: number,
): void {
  const w = wasmBackend();
  if (
    w !== null &&
    (gemmWasm(w, transA, transB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc) ||
      gemmStaged(w, transA, transB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc))
  ) {
    return;
  }
  gemmJs(transA, transB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
}

/**
 * The scalar JavaScript kernel behind {@link gemm}, for any typed arrays; same arguments and semantics.
 *
 * Shape of the loop: K is blocked (`KC` = 256); for each block, A is packed into 2-row panels and B into
 * 4-column panels, and a 2×4 register tile of C (8 accumulators in locals) is swept along k, loading 2 values
 * of A and 4 of B for 8 multiply-adds. Rows or columns left over at the edges go
 * through a scalar loop. Accumulation is in double precision; float32 outputs round once at the end.
 */
export function gemmJs(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: TypedArray,
  aOff: number,
  lda: number,
  B: TypedArray,
  bOff: number,
  ldb: number,
  beta: number,
  C: TypedArray,
  cOff: number,
  ldc: number,
): void {
  // Element (i, k) of op(A) is A[aOff + i*ars + k*acs]; (k, j) of op(B) is B[bOff + k*brs + j*bcs].
  const ars = transA ? 1 : lda;
  const acs = transA ? lda : 1;
  const brs = transB ? 1 : ldb;
  const bcs = transB ? ldb : 1;

  if (beta !== 1) {
    for (let i = 0; i < M; i++) {
      const row = cOff + i * ldc;
      if (beta === 0) for (let j = 0; j < N; j++) C[row + j] = 0;
      else for (let j = 0; j < N; j++) C[row + j] *= beta;
    }
  }
  if (K === 0 || alpha === 0) return;

  const M2 = M - (M % 2);
  const N4 = N - (N % 4);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    if (M2 > 0 && N4 > 0) {
      const need = (M2 + N4) * kc;
      if (scratch.length < need) scratch = new Float64Array(Math.max(need, scratch.length * 2));
      const Ap = scratch;
      const bBase = M2 * kc;
      // Pack A's rows in pairs as [pair][k][2] and B's columns in blocks of 4 as [block][k][4],
      // so that the micro-kernel below streams both with unit stride from one Float64Array
      // (one array type keeps that loop monomorphic for float32 and float64 callers alike).
      for (let i = 0; i < M2; i += 2) {
        let p = i * kc;
        let pa = aOff + i * ars + k0 * acs;
        for (let k = 0; k < kc; k++, p += 2, pa += acs) {
          Ap[p] = A[pa];
          Ap[p + 1] = A[pa + ars];
        }
      }
      for (let j = 0; j < N4; j += 4) {
        let q = bBase + j * kc;
        let pb = bOff + k0 * brs + j * bcs;
        for (let k = 0; k < kc; k++, q += 4, pb += brs) {
          Ap[q] = B[pb];
          Ap[q + 1] = B[pb + bcs];
          Ap[q + 2] = B[pb + 2 * bcs];
          Ap[q + 3] = B[pb + 3 * bcs];
        }
      }
      for (let j = 0; j < N4; j += 4) {
        for (let i = 0; i < M2; i += 2) {
          microKernel(Ap, i * kc, bBase + j * kc, kc, alpha, C, cOff + i * ldc + j, ldc);
        }
      }
    }
    // Edges: the last row when M is odd (all columns) and the last N % 4 columns (the first M2 rows).
    if (M2 < M || N4 < N) {
      for (let i = 0; i < M; i++) {
        const jStart = i < M2 ? N4 : 0;
        for (let j = jStart; j < N; j++) {
          let acc = 0;
          let pa = aOff + i * ars + k0 * acs;
          let pb = bOff + k0 * brs + j * bcs;
          for (let k = 0; k < kc; k++) {
            acc += A[pa] * B[pb];
            pa += acs;
            pb += brs;
          }
          C[cOff + i * ldc + j] += alpha * acc;
        }
      }
    }
  }
}

const KC = 256;
/** Packing workspace, grown (rarely) to the largest panel seen; never shrunk. */
let scratch = new Float64Array(4096);

/**
 * The 2×4 register tile: 8 accumulators, 2 values of A and 4 of B per k. On this kind of machine (x86-64,
 * V8 in Node 20) it beat 4×4 (16 accumulators spill out of the 16 xmm registers: 2.3 vs 4.2 GFLOPS), 3×3,
 * 3×4, 4×2 and 2×6 in a micro-benchmark of the packed loop.
 */
function microKernel(P: Float64Array, pa: number, pb: number, kc: number, alpha: number, C: TypedArray, pc: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  const end = pa + 2 * kc;
  for (; pa < end; pa += 2, pb += 4) {
    const a0 = P[pa], a1 = P[pa + 1];
    const b0 = P[pb], b1 = P[pb + 1], b2 = P[pb + 2], b3 = P[pb + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
  }
  C[pc] += alpha * c00; C[pc + 1] += alpha * c01; C[pc + 2] += alpha * c02; C[pc + 3] += alpha * c03;
  pc += ldc;
  C[pc] += alpha * c10; C[pc + 1] += alpha * c11; C[pc + 2] += alpha * c12; C[pc + 3] += alpha * c13;
}

/** The plain triple loop, C = A·B for dense row-major operands: the reference the tiled kernel is held to. */
export function gemmNaive(M: number, N: number, K: number, A: TypedArray, B: TypedArray, C: TypedArray): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += A[i * K + k] * B[k * N + j];
      C[i * N + j] = acc;
    }
  }
}
