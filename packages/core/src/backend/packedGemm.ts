import { type DType, type TypedArray } from "../dtype";
import { wasmBackend } from "./backend";
import { fits } from "./wasmGemm";

/**
 * Prepacked B: a K×N matrix op(B) copied once into the layout the GEMM micro-kernel streams, then multiplied
 * many times — an RNN's weights, used at every time step of a sequence, are the case this is for.
 *
 * Layout: ceil(N / w) panels of w columns (w = 8 for float32, 4 for float64: one 32-byte row of the register
 * tile), each panel K rows of w elements, row after row; columns past N are zeros. Element (k, j) of op(B) sits
 * at `bpOff + (⌊j/w⌋·K + k)·w + j mod w`. Both backends use this layout, so a packed copy made on either works
 * with either.
 */

/** Columns per packed panel for `dtype`. */
export function panelWidth(dtype: DType): number {
  return dtype === "float64" ? 4 : 8;
}

/** How many elements the packed copy of a K×N matrix takes (N rounded up to whole panels, times K). */
export function packedLength(dtype: DType, K: number, N: number): number {
  const w = panelWidth(dtype);
  return Math.ceil(N / w) * w * K;
}

/**
 * Packs the K×N matrix op(B) — B[bOff + k·ldb + j], or B[bOff + j·ldb + k] when `transB` — into `Bp` from
 * `bpOff` ({@link packedLength} elements). A kernel: it trusts its arguments; Bp has B's dtype.
 */
export function packB(transB: boolean, K: number, N: number, B: TypedArray, bOff: number, ldb: number, Bp: TypedArray, bpOff: number): void {
  const w = wasmBackend();
  const f64 = B instanceof Float64Array;
  if (
    w !== null &&
    K > 0 &&
    N > 0 &&
    B.buffer === w.buffer &&
    Bp.buffer === w.buffer &&
    (Bp instanceof Float64Array) === f64 &&
    fits(B, bOff, transB ? N : K, transB ? K : N, ldb) &&
    bpOff >= 0 &&
    bpOff + packedLength(f64 ? "float64" : "float32", K, N) <= Bp.length
  ) {
    if (f64) w.kernels.packBF64(transB ? 1 : 0, K, N, B.byteOffset + 8 * bOff, ldb, Bp.byteOffset + 8 * bpOff);
    else w.kernels.packBF32(transB ? 1 : 0, K, N, B.byteOffset + 4 * bOff, ldb, Bp.byteOffset + 4 * bpOff);
    return;
  }
  const width = f64 ? 4 : 8;
  const rs = transB ? 1 : ldb;
  const cs = transB ? ldb : 1;
  let p = bpOff;
  for (let j0 = 0; j0 < N; j0 += width) {
    for (let k = 0; k < K; k++) {
      for (let j = j0; j < j0 + width; j++, p++) Bp[p] = j < N ? B[bOff + k * rs + j * cs] : 0;
    }
  }
}

/**
 * C = alpha·op(A)·B + beta·C where B is the K×N matrix packed by {@link packB} into `Bp` at `bpOff`; otherwise
 * the arguments and semantics of `gemm`. Runs on the wasm kernels when A, Bp and C all live in the arena.
 */
export function gemmPacked(
  transA: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: TypedArray,
  aOff: number,
  lda: number,
  Bp: TypedArray,
  bpOff: number,
  beta: number,
  C: TypedArray,
  cOff: number,
  ldc: number,
): void {
  const w = wasmBackend();
  const f64 = C instanceof Float64Array;
  if (
    w !== null &&
    M > 0 &&
    N > 0 &&
    A.buffer === w.buffer &&
    Bp.buffer === w.buffer &&
    C.buffer === w.buffer &&
    (A instanceof Float64Array) === f64 &&
    (Bp instanceof Float64Array) === f64 &&
    fits(C, cOff, M, N, ldc) &&
    (K <= 0 || (fits(A, aOff, transA ? K : M, transA ? M : K, lda) && bpOff >= 0 && bpOff + packedLength(f64 ? "float64" : "float32", K, N) <= Bp.length))
  ) {
    const tA = transA ? 1 : 0;
    if (f64) w.kernels.gemmPackedF64(tA, M, N, K, alpha, A.byteOffset + 8 * aOff, lda, Bp.byteOffset + 8 * bpOff, beta, C.byteOffset + 8 * cOff, ldc, w.work);
    else w.kernels.gemmPackedF32(tA, M, N, K, alpha, A.byteOffset + 4 * aOff, lda, Bp.byteOffset + 4 * bpOff, beta, C.byteOffset + 4 * cOff, ldc, w.work);
    return;
  }
  gemmPackedJs(transA, M, N, K, alpha, A, aOff, lda, Bp, bpOff, f64 ? 4 : 8, beta, C, cOff, ldc);
}

/** Depth of one K block in the JavaScript kernel (as in `gemmJs`). */
const KC = 256;
/** Workspace of the JavaScript kernel: A in row pairs and one 4-column slice of a panel, as float64. */
let scratch = new Float64Array(4096);

/**
 * The JavaScript kernel for packed B, shaped like `gemmJs`: per K block, op(A) is copied once into row pairs
 * [pair][k][2] and each 4-column slice of a panel into [k][4], both in one Float64Array, so that the 2×4
 * register tile's loop reads a single array type whatever the dtype (a loop that read Float32Array and
 * Float64Array operands in turn ran at half speed here). An odd last row is paired with itself and stored
 * once; columns past N come from the zero padding and are not stored.
 */
function gemmPackedJs(
  transA: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: TypedArray,
  aOff: number,
  lda: number,
  Bp: TypedArray,
  bpOff: number,
  width: number,
  beta: number,
  C: TypedArray,
  cOff: number,
  ldc: number,
): void {
  if (beta !== 1) {
    for (let i = 0; i < M; i++) {
      const row = cOff + i * ldc;
      if (beta === 0) for (let j = 0; j < N; j++) C[row + j] = 0;
      else for (let j = 0; j < N; j++) C[row + j] *= beta;
    }
  }
  if (K <= 0 || alpha === 0 || M <= 0 || N <= 0) return;
  const ars = transA ? 1 : lda;
  const acs = transA ? lda : 1;
  const pairs = (M + 1) >> 1;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    const bBase = 2 * pairs * kc;
    if (scratch.length < bBase + 4 * kc) scratch = new Float64Array(Math.max(bBase + 4 * kc, 2 * scratch.length));
    const S = scratch;
    for (let p = 0; p < pairs; p++) {
      const i = 2 * p;
      const second = i + 1 < M ? ars : 0;
      let pa = aOff + i * ars + k0 * acs;
      for (let k = 0, q = 2 * p * kc; k < kc; k++, q += 2, pa += acs) {
        S[q] = A[pa];
        S[q + 1] = A[pa + second];
      }
    }
    for (let j0 = 0; j0 < N; j0 += 4) {
      // Columns j0..j0+3 sit side by side in panel ⌊j0/width⌋, row k at (panel·K + k)·width + j0 mod width.
      let pb = bpOff + (Math.floor(j0 / width) * K + k0) * width + (j0 % width);
      for (let k = 0, q = bBase; k < kc; k++, q += 4, pb += width) {
        S[q] = Bp[pb];
        S[q + 1] = Bp[pb + 1];
        S[q + 2] = Bp[pb + 2];
        S[q + 3] = Bp[pb + 3];
      }
      const cols = Math.min(4, N - j0);
      for (let p = 0; p < pairs; p++) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        for (let pa = 2 * p * kc, pb4 = bBase, end = pa + 2 * kc; pa < end; pa += 2, pb4 += 4) {
          const a0 = S[pa], a1 = S[pa + 1];
          const b0 = S[pb4], b1 = S[pb4 + 1], b2 = S[pb4 + 2], b3 = S[pb4 + 3];
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        }
        const r0 = cOff + 2 * p * ldc + j0;
        C[r0] += alpha * c00;
        if (cols > 1) C[r0 + 1] += alpha * c01;
        if (cols > 2) C[r0 + 2] += alpha * c02;
        if (cols > 3) C[r0 + 3] += alpha * c03;
        if (2 * p + 1 < M) {
          const r1 = r0 + ldc;
          C[r1] += alpha * c10;
          if (cols > 1) C[r1 + 1] += alpha * c11;
          if (cols > 2) C[r1 + 2] += alpha * c12;
          if (cols > 3) C[r1 + 3] += alpha * c13;
        }
      }
    }
  }
}
