import type { TypedArray } from "../dtype";
import type { WasmBackend } from "./backend";

/**
 * Runs C = alpha·op(A)·op(B) + beta·C (the arguments of `gemm`) on the wasm kernels when A, B and C are all
 * views into the backend's memory, share one dtype and lie inside their arrays with leading dimensions at least
 * their row lengths; returns false, having done nothing, otherwise (the caller then runs the JavaScript kernel).
 * Checking the extents costs a few comparisons and keeps a wrong offset from writing into a neighbouring array.
 */
export function gemmWasm(
  w: WasmBackend,
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
): boolean {
  const buffer = w.buffer;
  if (A.buffer !== buffer || B.buffer !== buffer || C.buffer !== buffer) return false;
  const f64 = C instanceof Float64Array;
  if ((A instanceof Float64Array) !== f64 || (B instanceof Float64Array) !== f64) return false;
  if (M <= 0 || N <= 0 || !fits(C, cOff, M, N, ldc)) return false;
  if (K > 0 && !(fits(A, aOff, transA ? K : M, transA ? M : K, lda) && fits(B, bOff, transB ? N : K, transB ? K : N, ldb))) {
    return false;
  }
  const k = w.kernels;
  const tA = transA ? 1 : 0;
  const tB = transB ? 1 : 0;
  if (f64) {
    k.gemmF64(tA, tB, M, N, K, alpha, A.byteOffset + 8 * aOff, lda, B.byteOffset + 8 * bOff, ldb, beta, C.byteOffset + 8 * cOff, ldc, w.work);
  } else {
    k.gemmF32(tA, tB, M, N, K, alpha, A.byteOffset + 4 * aOff, lda, B.byteOffset + 4 * bOff, ldb, beta, C.byteOffset + 4 * cOff, ldc, w.work);
  }
  return true;
}

/** Whether a rows×cols matrix at `off` with leading dimension `ld` lies inside X (rows, cols > 0). */
export function fits(X: TypedArray, off: number, rows: number, cols: number, ld: number): boolean {
  return off >= 0 && ld >= cols && off + (rows - 1) * ld + cols <= X.length;
}
