import { afterAll, describe, expect, it } from "vitest";
import type { DType, TypedArray } from "../dtype";
import { gemm } from "../kernels/gemm";
import { Random } from "../random";
import { freeWasmArray, wasmArray } from "./arena";
import { setBackend } from "./backend";
import { gemmPacked, packB, packedLength, panelWidth } from "./packedGemm";

afterAll(() => setBackend("auto"));

function filled(dtype: DType, n: number, rng: Random): TypedArray {
  const X = wasmArray(dtype, n);
  for (let i = 0; i < n; i++) X[i] = rng.uniformRange(-1, 1);
  return X;
}

describe("packedLength and panelWidth", () => {
  it("round N up to whole panels of 8 (float32) or 4 (float64) columns", () => {
    expect([panelWidth("float32"), panelWidth("float64")]).toEqual([8, 4]);
    expect(packedLength("float32", 3, 9)).toBe(16 * 3);
    expect(packedLength("float64", 3, 9)).toBe(12 * 3);
    expect(packedLength("float32", 5, 8)).toBe(40);
    expect(packedLength("float64", 0, 7)).toBe(0);
  });
});

describe("packB", () => {
  for (const backend of ["js", "wasm"] as const) {
    it(`lays op(B) out as [panel][k][width] with zero padding, B or Bᵀ (${backend})`, () => {
      setBackend(backend);
      // B is 2×5 (K = 2, N = 5) with element (k, j) = 10k + j; Bᵀ stores the same matrix as 5×2.
      const B = wasmArray("float64", 10);
      const Bt = wasmArray("float64", 10);
      for (let k = 0; k < 2; k++) for (let j = 0; j < 5; j++) B[k * 5 + j] = Bt[j * 2 + k] = 10 * k + j + 1;
      const expected = [1, 2, 3, 4, 11, 12, 13, 14, 5, 0, 0, 0, 15, 0, 0, 0];
      for (const [trans, src, ld] of [[false, B, 5], [true, Bt, 2]] as const) {
        const Bp = wasmArray("float64", 1 + packedLength("float64", 2, 5)).fill(NaN);
        packB(trans, 2, 5, src, 0, ld, Bp, 1);
        expect(Number.isNaN(Bp[0])).toBe(true);
        expect(Array.from(Bp.subarray(1))).toEqual(expected);
        freeWasmArray(Bp);
      }
      freeWasmArray(B);
      freeWasmArray(Bt);
    });
  }

  it("gives the same bytes on both backends, from arrays inside or outside the arena", () => {
    const rng = new Random(11);
    for (const dtype of ["float32", "float64"] as const) {
      const K = 13, N = 21;
      const B = filled(dtype, 3 + N * (K + 2), rng);
      const heap = B.slice();
      const packs = (["wasm", "js"] as const).map((backend) => {
        setBackend(backend);
        const Bp = wasmArray(dtype, packedLength(dtype, K, N));
        packB(true, K, N, B, 3, K + 2, Bp, 0);
        return Bp;
      });
      const fromHeap = new (dtype === "float32" ? Float32Array : Float64Array)(packedLength(dtype, K, N));
      packB(true, K, N, heap, 3, K + 2, fromHeap, 0);
      expect(Array.from(packs[0])).toEqual(Array.from(packs[1]));
      expect(Array.from(fromHeap)).toEqual(Array.from(packs[0]));
      for (const X of [B, ...packs]) freeWasmArray(X);
    }
  });
});

describe("gemmPacked", () => {
  for (const backend of ["js", "wasm"] as const) {
    for (const dtype of ["float32", "float64"] as const) {
      it(`equals gemm with the unpacked B, NN and TN, odd sizes and K over two blocks (${backend}, ${dtype})`, () => {
        setBackend(backend);
        const rng = new Random(5);
        const tol = dtype === "float32" ? 1e-6 : 1e-14;
        for (const [M, N, K] of [[32, 64, 64], [7, 13, 300], [1, 9, 5], [5, 3, 1]]) {
          for (const tA of [false, true]) {
            for (const tB of [false, true]) {
              const lda = (tA ? M : K) + 1;
              const ldb = (tB ? K : N) + 2;
              const A = filled(dtype, (tA ? K : M) * lda, rng);
              const B = filled(dtype, (tB ? N : K) * ldb, rng);
              const C1 = filled(dtype, 2 + M * N, rng);
              const C2 = wasmArray(dtype, C1.length);
              C2.set(C1);
              const Bp = wasmArray(dtype, 4 + packedLength(dtype, K, N));
              packB(tB, K, N, B, 0, ldb, Bp, 4);
              gemm(tA, tB, M, N, K, 0.5, A, 0, lda, B, 0, ldb, 1, C1, 2, N);
              gemmPacked(tA, M, N, K, 0.5, A, 0, lda, Bp, 4, 1, C2, 2, N);
              let worst = 0;
              let scale = 0;
              for (let i = 0; i < C1.length; i++) {
                worst = Math.max(worst, Math.abs(C1[i] - C2[i]));
                scale = Math.max(scale, Math.abs(C1[i]));
              }
              expect(worst, `${M}×${N}×${K} tA=${tA} tB=${tB}`).toBeLessThanOrEqual(tol * scale);
              for (const X of [A, B, C1, C2, Bp]) freeWasmArray(X);
            }
          }
        }
      });
    }
  }

  it("is exactly gemm on the wasm backend (the same micro-kernel on the same panels)", () => {
    setBackend("wasm");
    const rng = new Random(9);
    const [M, N, K] = [33, 70, 260];
    const A = filled("float32", M * K, rng);
    const B = filled("float32", N * K, rng);
    const C1 = wasmArray("float32", M * N);
    const C2 = wasmArray("float32", M * N).fill(NaN);
    const Bp = wasmArray("float32", packedLength("float32", K, N));
    packB(true, K, N, B, 0, K, Bp, 0);
    gemm(false, true, M, N, K, 1, A, 0, K, B, 0, K, 0, C1, 0, N);
    gemmPacked(false, M, N, K, 1, A, 0, K, Bp, 0, 0, C2, 0, N);
    expect(Array.from(C2)).toEqual(Array.from(C1));
    for (const X of [A, B, C1, C2, Bp]) freeWasmArray(X);
  });

  it("runs on the JavaScript kernel when the packed copy is not in the arena", () => {
    setBackend("wasm");
    const A = wasmArray("float64", 6);
    A.set([1, 2, 3, 4, 5, 6]);
    const Bp = new Float64Array(packedLength("float64", 3, 2));
    packB(false, 3, 2, A, 0, 2, Bp, 0); // B = A viewed as 3×2
    const C = wasmArray("float64", 4);
    gemmPacked(false, 2, 2, 3, 1, A, 0, 3, Bp, 0, 0, C, 0, 2);
    // [[1,2,3],[4,5,6]] · [[1,2],[3,4],[5,6]]
    expect(Array.from(C)).toEqual([22, 28, 49, 64]);
    for (const X of [A, C]) freeWasmArray(X);
  });
});
