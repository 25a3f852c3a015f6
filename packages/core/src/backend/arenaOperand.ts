import type { TypedArray } from "../dtype";

/**
 * The byte pointer of `X[off … off + length)` for a wasm kernel when X is a float32 array inside the arena's
 * memory `buffer` and the span lies inside X; −1 otherwise (the caller then runs its JavaScript loop). Shared by
 * the fused recurrent kernels, which run in place or not at all (no staging).
 */
export function arenaPointer(X: TypedArray, off: number, length: number, buffer: ArrayBuffer): number {
  if (!(X instanceof Float32Array) || X.buffer !== buffer || off < 0 || off + length > X.length) return -1;
  return X.byteOffset + 4 * off;
}
