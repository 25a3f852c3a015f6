import { type DType, type TypedArray } from "../dtype";
import { gemmJs } from "../kernels/gemm";
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
  // JavaScript: each panel is a K×width row-major matrix with leading dimension `width`.
  const width = f64 ? 4 : 8;
  for (let j0 = 0; j0 < N; j0 += width) {
    const cols = Math.min(width, N - j0);
    gemmJs(transA, false, M, cols, K, alpha, A, aOff, lda, Bp, bpOff + j0 * K, width, beta, C, cOff + j0, ldc);
  }
}
