import type { TypedArray } from "../dtype";
import type { WasmBackend } from "./backend";
import { copyIn, stagingBlock, stagingView } from "./staging";
import { fits } from "./wasmGemm";

/**
 * The wasm backend for arrays that do not live in the arena (ordinary tensors): copy the operands into a
 * staging block of the arena, multiply there, copy C back. Copies are `TypedArray.prototype.set` (a memcpy)
 * over each operand's span, so their cost is linear while the product is cubic. Measured on Node 20 (µs per
 * product, float32, idle machine): 8·8·8 JS 1.8 vs staged 0.9; 32·64·64 JS 113 vs staged 11.5 (in place 13.6,
 * equal within noise); 4·4·4 JS 0.31 vs staged 0.42, hence the threshold below.
 */

/** Products with fewer multiply-adds (M·N·K) than this stay on the JavaScript kernel. */
export const STAGING_MIN_WORK = 512;

/**
 * Runs the product (the arguments of `gemm`) on the wasm kernels through the staging block; returns false,
 * having done nothing, when it is too small to pay, the dtypes differ, an extent leaves its array, or the
 * operands would need more than a quarter of the arena.
 */
export function gemmStaged(
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
  if (M <= 0 || N <= 0 || K <= 0 || M * N * K < STAGING_MIN_WORK) return false;
  const is64 = C instanceof Float64Array;
  if ((A instanceof Float64Array) !== is64 || (B instanceof Float64Array) !== is64) return false;
  const aRows = transA ? K : M;
  const aCols = transA ? M : K;
  const bRows = transB ? N : K;
  const bCols = transB ? K : N;
  if (!fits(A, aOff, aRows, aCols, lda) || !fits(B, bOff, bRows, bCols, ldb) || !fits(C, cOff, M, N, ldc)) return false;

  const S = is64 ? 8 : 4;
  const buffer = w.buffer;
  const aSpan = (aRows - 1) * lda + aCols;
  const bSpan = (bRows - 1) * ldb + bCols;
  const cSpan = (M - 1) * ldc + N;
  const aIn = A.buffer === buffer;
  const bIn = B.buffer === buffer;
  const cIn = C.buffer === buffer;
  // Element counts rounded up to 64 bytes, so that each staged operand starts on a cache line.
  const round = (n: number) => Math.ceil((n * S) / 64) * (64 / S);
  const need = S * ((aIn ? 0 : round(aSpan)) + (bIn ? 0 : round(bSpan)) + (cIn ? 0 : round(cSpan)));
  const block = stagingBlock(need, buffer);
  if (block < 0) return false;

  const view = stagingView(is64);
  let p = block / S;
  let aPtr = A.byteOffset + S * aOff;
  let bPtr = B.byteOffset + S * bOff;
  let cPtr = C.byteOffset + S * cOff;
  if (!aIn) {
    copyIn(view, p, A, aOff, aSpan);
    aPtr = S * p;
    p += round(aSpan);
  }
  if (!bIn) {
    copyIn(view, p, B, bOff, bSpan);
    bPtr = S * p;
    p += round(bSpan);
  }
  if (!cIn) {
    // C is read when beta ≠ 0; with gaps between rows (ldc > N) it is copied in anyway, so that copying the
    // whole span back leaves the gaps as they were.
    if (beta !== 0 || ldc !== N) copyIn(view, p, C, cOff, cSpan);
    cPtr = S * p;
  }
  const k = w.kernels;
  const tA = transA ? 1 : 0;
  const tB = transB ? 1 : 0;
  if (is64) k.gemmF64(tA, tB, M, N, K, alpha, aPtr, lda, bPtr, ldb, beta, cPtr, ldc, w.work);
  else k.gemmF32(tA, tB, M, N, K, alpha, aPtr, lda, bPtr, ldb, beta, cPtr, ldc, w.work);
  if (!cIn) C.set(view.subarray(p, p + cSpan), cOff);
  return true;
}
