// Shared by lstmKernels.test.ts and gruKernels.test.ts: the cases the fused recurrent kernels are run in, and a
// check that a kernel either runs or declines without writing anything.
import { expect } from "vitest";
import { wasmArray } from "./arena";

export const sigma = (v: number) => 1 / (1 + Math.exp(-v));
/** [n, H] shapes: H below, at and past multiples of 4, so the kernels' one-lane row tails run too. */
export const SHAPES = [[1, 1], [3, 3], [2, 4], [3, 5], [2, 7], [4, 16], [3, 18]] as const;
/** Every array starts this far into its buffer, so that offsets are exercised. */
export const OFF = 3;

export type Make = (n: number) => Float32Array | Float64Array;
/** Only float32 arrays in the arena on the wasm backend run; otherwise the kernel returns false and writes nothing. */
export const MODES: [string, "wasm" | "js", Make, boolean][] = [
  ["float32 in the wasm arena (the SIMD kernel runs)", "wasm", (n) => wasmArray("float32", n), true],
  ["float32 outside the arena (declines)", "wasm", (n) => new Float32Array(n), false],
  ["float32 in the arena on the js backend (declines)", "js", (n) => wasmArray("float32", n), false],
  ["float64 (declines)", "wasm", (n) => new Float64Array(n), false],
];
/** float32 SIMD against a float64 loop over the definition. */
export const tol = { rtol: 2e-6, atol: 2e-6 };

/** Runs `kernel`; when it declines, checks that every array is as it was. Returns whether it ran. */
export function runOrDecline(runs: boolean, arrays: (Float32Array | Float64Array)[], kernel: () => boolean): boolean {
  const before = arrays.map((a) => Array.from(a));
  const ran = kernel();
  expect(ran).toBe(runs);
  if (!ran) arrays.forEach((a, k) => expect(Array.from(a)).toEqual(before[k]));
  return ran;
}
