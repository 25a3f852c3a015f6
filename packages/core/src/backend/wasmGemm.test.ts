import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { DType } from "../dtype";
import { gemm, gemmJs } from "../kernels/gemm";
import { Random } from "../random";
import { freeWasmArray, wasmArray } from "./arena";
import { type Backend, setBackend, wasmBackend } from "./backend";
import { firstOutOfBound, normwiseError, referenceGemm } from "./gemmReference";
import { gemmWasm } from "./wasmGemm";

interface Case {
  tA: boolean;
  tB: boolean;
  M: number;
  N: number;
  K: number;
  alpha: number;
  beta: number;
  pad: number;
}

/**
 * Runs one product with operands in the arena (offsets 3, 5, 7 and leading dimensions padded by `pad`) and
 * checks every element of C against a float64 reference computed from the same stored values, within the
 * classical bound for any summation order: |Ĉ − C| ≤ (K + 4)·u·(|alpha|·(|A|·|B|) + |beta·C₀|), plus a
 * normwise check: max |Ĉ − C| ≤ 1e-6 (float32) or 1e-14 (float64) of max |C|.
 * For the wasm backend it also checks that `gemm` really ran on wasm: its result must equal, bit for bit,
 * that of calling the wasm kernel directly.
 */
function check(backend: Backend, dtype: DType, c: Case, rng: Random): void {
  const { tA, tB, M, N, K, alpha, beta, pad } = c;
  const lda = (tA ? M : K) + pad;
  const ldb = (tB ? K : N) + pad;
  const ldc = N + pad;
  const aOff = 3, bOff = 5, cOff = 7;
  const A = wasmArray(dtype, aOff + (tA ? K : M) * lda);
  const B = wasmArray(dtype, bOff + (tB ? N : K) * ldb);
  const C = wasmArray(dtype, cOff + M * ldc);
  for (const X of [A, B, C]) for (let i = 0; i < X.length; i++) X[i] = rng.uniformRange(-1, 1);
  const C0 = Float64Array.from(C);
  const { expected, bound } = referenceGemm(dtype, tA, tB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, C0, cOff, ldc);

  setBackend(backend);
  gemm(tA, tB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);

  const miss = firstOutOfBound(C, expected, bound);
  if (miss !== null) expect.fail(`${backend} ${dtype} ${JSON.stringify(c)}: ${miss}`);
  expect(normwiseError(C, expected)).toBeLessThanOrEqual(dtype === "float32" ? 1e-6 : 1e-14);

  if (backend === "wasm") {
    const direct = wasmArray(dtype, C.length);
    direct.set(C0);
    expect(gemmWasm(wasmBackend()!, tA, tB, M, N, K, alpha, A, aOff, lda, B, bOff, ldb, beta, direct, cOff, ldc)).toBe(true);
    expect(Array.from(C)).toEqual(Array.from(direct));
    freeWasmArray(direct);
  }
  for (const X of [A, B, C]) freeWasmArray(X);
}

const caseArb = fc.record({
  tA: fc.boolean(),
  tB: fc.boolean(),
  M: fc.integer({ min: 1, max: 13 }),
  N: fc.integer({ min: 1, max: 19 }),
  K: fc.integer({ min: 0, max: 300 }),
  alpha: fc.constantFrom(1, -2, 0.75),
  beta: fc.constantFrom(0, 1, 0.5),
  pad: fc.integer({ min: 0, max: 3 }),
});

/** Shapes past the tile and block edges: K across the 256-deep block, N across several 8- and 4-wide panels. */
const namedCases: [string, Omit<Case, "tA" | "tB">][] = [
  ["one RNN step, B32 H64", { M: 32, N: 64, K: 64, alpha: 1, beta: 1, pad: 0 }],
  ["n = 64", { M: 64, N: 64, K: 64, alpha: 1, beta: 0, pad: 0 }],
  ["odd everything, K over two blocks", { M: 37, N: 45, K: 513, alpha: -0.5, beta: 0.5, pad: 3 }],
  ["a single row", { M: 1, N: 33, K: 70, alpha: 1, beta: 0, pad: 1 }],
  ["a single column", { M: 29, N: 1, K: 70, alpha: 2, beta: 1, pad: 2 }],
  ["K = 1", { M: 9, N: 10, K: 1, alpha: 1, beta: 0, pad: 0 }],
];

afterAll(() => setBackend("auto"));

for (const backend of ["js", "wasm"] as const) {
  for (const dtype of ["float32", "float64"] as const) {
    describe(`gemm on the ${backend} backend, ${dtype}`, () => {
      it("matches the float64 reference for every transpose pair, odd sizes, offsets, padded ld, alpha and beta", () => {
        const rng = new Random(backend === "js" ? 1 : 2);
        fc.assert(
          fc.property(caseArb, (c) => check(backend, dtype, c, rng)),
          { seed: 7, numRuns: 120 },
        );
      });

      for (const [name, shape] of namedCases) {
        it(`matches the reference in NN, NT, TN and TT: ${name}`, () => {
          const rng = new Random(3);
          for (const tA of [false, true]) for (const tB of [false, true]) check(backend, dtype, { tA, tB, ...shape }, rng);
        });
      }

      it("overwrites C holding NaN when beta = 0, and reads neither A nor B when alpha = 0 or K = 0", () => {
        setBackend(backend);
        const A = wasmArray(dtype, 6).fill(NaN);
        const C = wasmArray(dtype, 4).fill(NaN);
        const B = wasmArray(dtype, 6);
        B.set([1, 2, 3, 4, 5, 6]);
        const ones = wasmArray(dtype, 6).fill(1);
        gemm(false, false, 2, 2, 3, 1, ones, 0, 3, B, 0, 2, 0, C, 0, 2);
        expect(Array.from(C)).toEqual([9, 12, 9, 12]);
        gemm(false, false, 2, 2, 3, 0, A, 0, 3, A, 0, 2, 0.5, C, 0, 2);
        expect(Array.from(C)).toEqual([4.5, 6, 4.5, 6]);
        gemm(false, false, 2, 2, 0, 1, A, 0, 3, A, 0, 2, 2, C, 0, 2);
        expect(Array.from(C)).toEqual([9, 12, 9, 12]);
        gemm(false, false, 2, 2, 0, 1, A, 0, 3, A, 0, 2, 0, C, 0, 2);
        expect(Array.from(C)).toEqual([0, 0, 0, 0]);
        for (const X of [A, B, C, ones]) freeWasmArray(X);
      });

      it("writes nothing outside the rows and columns of C", () => {
        setBackend(backend);
        // C is 5×6 inside a 7×9 grid (ldc 9); everything else must keep its sentinel.
        const grid = wasmArray(dtype, 7 * 9).fill(-7);
        const A = wasmArray(dtype, 5 * 4).fill(1);
        const B = wasmArray(dtype, 4 * 6).fill(1);
        gemm(false, false, 5, 6, 4, 1, A, 0, 4, B, 0, 6, 0, grid, 9 + 1, 9);
        for (let r = 0; r < 7; r++) {
          for (let q = 0; q < 9; q++) {
            const inside = r >= 1 && r <= 5 && q >= 1 && q <= 6;
            expect(grid[r * 9 + q], `(${r}, ${q})`).toBe(inside ? 4 : -7);
          }
        }
        for (const X of [grid, A, B]) freeWasmArray(X);
      });
    });
  }
}

describe("gemmWasm declines what it cannot run in place (gemm then runs the JavaScript kernel)", () => {
  const w = () => {
    setBackend("wasm");
    return wasmBackend()!;
  };

  it("declines operands outside the arena, and mixed dtypes", () => {
    const a32 = wasmArray("float32", 4).fill(1);
    const a64 = wasmArray("float64", 4).fill(1);
    const heap = new Float32Array(4).fill(1);
    expect(gemmWasm(w(), false, false, 2, 2, 2, 1, a32, 0, 2, a32, 0, 2, 0, heap, 0, 2)).toBe(false);
    expect(gemmWasm(w(), false, false, 2, 2, 2, 1, heap, 0, 2, a32, 0, 2, 0, a32, 0, 2)).toBe(false);
    expect(gemmWasm(w(), false, false, 2, 2, 2, 1, a64, 0, 2, a32, 0, 2, 0, a32, 0, 2)).toBe(false);
    expect(gemmWasm(w(), false, false, 2, 2, 2, 1, a32, 0, 2, a32, 0, 2, 0, a64, 0, 2)).toBe(false);
    const c32 = wasmArray("float32", 4);
    expect(gemmWasm(w(), false, false, 2, 2, 2, 1, a32, 0, 2, a32, 0, 2, 0, c32, 0, 2)).toBe(true);
    // gemm falls back and still computes: [[1,1],[1,1]]² = [[2,2],[2,2]].
    gemm(false, false, 2, 2, 2, 1, a32, 0, 2, a32, 0, 2, 0, heap, 0, 2);
    expect(Array.from(heap)).toEqual([2, 2, 2, 2]);
    for (const X of [a32, a64, c32]) freeWasmArray(X);
  });

  it("declines extents that leave their array, leading dimensions shorter than a row, and empty products", () => {
    const X = wasmArray("float64", 12).fill(1);
    const Y = wasmArray("float64", 12);
    const run = (M: number, N: number, K: number, aOff: number, lda: number, cOff: number, ldc: number, tA = false) =>
      gemmWasm(w(), tA, false, M, N, K, 1, X, aOff, lda, X, 0, N, 0, Y, cOff, ldc);
    expect(run(3, 4, 3, 0, 3, 0, 4)).toBe(true); // exactly fills X (9 ≤ 12) and Y (12)
    expect(run(3, 4, 3, 4, 3, 0, 4)).toBe(false); // A would end at 13
    expect(run(3, 4, 3, 0, 3, 1, 4)).toBe(false); // C would end at 13
    expect(run(3, 4, 3, -1, 3, 0, 4)).toBe(false); // negative offset
    expect(run(3, 4, 3, 0, 2, 0, 4)).toBe(false); // lda 2 < K 3
    expect(run(3, 4, 3, 0, 4, 0, 3)).toBe(false); // ldc 3 < N 4
    expect(run(4, 3, 3, 0, 4, 0, 3, true)).toBe(true); // Aᵀ: K×M = 3×4 rows of 4
    expect(run(0, 4, 3, 0, 3, 0, 4)).toBe(false); // nothing to do: left to the JavaScript kernel
    for (const Z of [X, Y]) freeWasmArray(Z);
  });

  it("falls back to the same result as the JavaScript kernel when declining", () => {
    const A = wasmArray("float32", 12);
    const B = new Float32Array(12);
    for (let i = 0; i < 12; i++) A[i] = B[i] = Math.sin(i + 1);
    const C1 = new Float32Array(9);
    const C2 = new Float32Array(9);
    setBackend("wasm");
    gemm(true, true, 3, 3, 4, 1.5, A, 0, 3, B, 0, 4, 0, C1, 0, 3);
    gemmJs(true, true, 3, 3, 4, 1.5, A, 0, 3, B, 0, 4, 0, C2, 0, 3);
    expect(Array.from(C1)).toEqual(Array.from(C2));
    freeWasmArray(A);
  });
});
