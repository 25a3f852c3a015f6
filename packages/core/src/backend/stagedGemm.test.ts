import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gemm } from "../kernels/gemm";
import { Random } from "../random";
import { arenaStats, freeWasmArray, wasmArray } from "./arena";
import { setBackend, wasmBackend } from "./backend";
import { firstOutOfBound, normwiseError, referenceGemm } from "./gemmReference";
import { gemmStaged, STAGING_MIN_WORK } from "./stagedGemm";

beforeAll(() => setBackend("wasm"));
afterAll(() => setBackend("auto"));

const w = () => wasmBackend()!;

describe("gemmStaged", () => {
  it("runs ordinary (heap) arrays through the arena and matches the float64 reference", () => {
    const rng = new Random(21);
    fc.assert(
      fc.property(
        fc.constantFrom("float32" as const, "float64" as const),
        fc.boolean(), fc.boolean(),
        fc.integer({ min: 8, max: 40 }), fc.integer({ min: 8, max: 40 }), fc.integer({ min: 8, max: 300 }),
        fc.constantFrom(0, 1, 0.5), fc.integer({ min: 0, max: 2 }),
        // Which operands live in the arena (bit 0: A, 1: B, 2: C); 7 is the in-place case, not staged.
        fc.integer({ min: 0, max: 6 }),
        (dtype, tA, tB, M, N, K, beta, pad, inArena) => {
          const make = (n: number, bit: number) => {
            const X = inArena & bit ? wasmArray(dtype, n) : dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
            for (let i = 0; i < n; i++) X[i] = rng.uniformRange(-1, 1);
            return X;
          };
          const lda = (tA ? M : K) + pad, ldb = (tB ? K : N) + pad, ldc = N + pad;
          const A = make(2 + (tA ? K : M) * lda, 1);
          const B = make(1 + (tB ? N : K) * ldb, 2);
          const C = make(3 + M * ldc + 2, 4);
          const { expected, bound } = referenceGemm(dtype, tA, tB, M, N, K, 1.5, A, 2, lda, B, 1, ldb, beta, C, 3, ldc);
          expect(gemmStaged(w(), tA, tB, M, N, K, 1.5, A, 2, lda, B, 1, ldb, beta, C, 3, ldc)).toBe(true);
          // Everything outside the product, gaps between rows included, is compared exactly.
          expect(firstOutOfBound(C, expected, bound)).toBe(null);
          expect(normwiseError(C, expected)).toBeLessThanOrEqual(dtype === "float32" ? 1e-6 : 1e-14);
          for (const X of [A, B, C]) if (X.buffer === w().buffer) freeWasmArray(X);
        },
      ),
      { seed: 3, numRuns: 80 },
    );
  });

  it("is what gemm uses for heap arrays of at least STAGING_MIN_WORK multiply-adds on the wasm backend", () => {
    // Row i of A is [1e8, 1, −1e8, 0, …]: summed in float32 (wasm) each dot product with ones is 0, in float64
    // (the JavaScript kernel) it is 1.
    const run = (n: number) => {
      const A = new Float32Array(n * n);
      for (let i = 0; i < n; i++) A.set([1e8, 1, -1e8], i * n);
      const C = new Float32Array(n * n);
      gemm(false, false, n, n, n, 1, A, 0, n, new Float32Array(n * n).fill(1), 0, n, 0, C, 0, n);
      return C[0];
    };
    expect(STAGING_MIN_WORK).toBe(8 * 8 * 8);
    expect(run(8)).toBe(0);
    expect(run(7)).toBe(1);
    setBackend("js");
    expect(run(8)).toBe(1);
    setBackend("wasm");
  });

  it("declines small products, mixed dtypes, extents outside their arrays, and operands over a quarter of the arena", () => {
    const f32 = (n: number) => new Float32Array(n);
    expect(gemmStaged(w(), false, false, 7, 8, 8, 1, f32(56), 0, 8, f32(64), 0, 8, 0, f32(56), 0, 8)).toBe(false);
    expect(gemmStaged(w(), false, false, 8, 8, 8, 1, f32(64), 0, 8, new Float64Array(64), 0, 8, 0, f32(64), 0, 8)).toBe(false);
    expect(gemmStaged(w(), false, false, 8, 8, 8, 1, f32(63), 0, 8, f32(64), 0, 8, 0, f32(64), 0, 8)).toBe(false);
    expect(gemmStaged(w(), false, false, 8, 8, 8, 1, f32(64), 0, 8, f32(64), 0, 8, 0, f32(64), 0, 8)).toBe(true);
    const n = Math.ceil(Math.sqrt(arenaStats().bytes / 4 / 4 / 3)) + 1; // three n×n float32 operands > 1/4 arena
    expect(gemmStaged(w(), false, false, n, n, 1, 1, f32(n), 0, 1, f32(n), 0, n, 0, f32(n * n), 0, n)).toBe(true);
    expect(gemmStaged(w(), false, false, n, n, n, 1, f32(n * n), 0, n, f32(n * n), 0, n, 0, f32(n * n), 0, n)).toBe(false);
  });
});
