import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { sigmoidScalar } from "../ops/unary";
import { freeWasmArray, wasmArray } from "./arena";
import { setBackend } from "./backend";
import { ACTIVATION_STAGING_MIN, sigmoidKernel, tanhKernel } from "./activations";

beforeEach(() => setBackend("wasm"));
afterAll(() => setBackend("auto"));

/** The distance between float32 neighbours at |v| (the smallest normal spacing below 2⁻¹²⁶). */
function ulp32(v: number): number {
  const a = Math.abs(v);
  return a < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
}

const kernels = [
  ["tanh", tanhKernel, Math.tanh, 4],
  ["sigmoid", sigmoidKernel, sigmoidScalar, 2],
] as const;

for (const [name, kernel, exact, ulps] of kernels) {
  describe(`${name}Kernel`, () => {
    it(`is within ${ulps} float32 ulps of the exact function on a dense grid of [−87, 87] (wasm, float32)`, () => {
      const n = 400_001;
      const X = wasmArray("float32", n);
      for (let i = 0; i < n; i++) X[i] = -87 + (174 * i) / (n - 1);
      const Y = wasmArray("float32", n);
      kernel(1, n, X, 0, n, Y, 0, n);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const ref = Math.fround(exact(X[i]));
        worst = Math.max(worst, Math.abs(Y[i] - ref) / ulp32(ref));
      }
      expect(worst).toBeLessThanOrEqual(ulps);
      freeWasmArray(X);
      freeWasmArray(Y);
    });

    it("handles ±0, ±Infinity, NaN and huge arguments", () => {
      const special = [0, -0, 1e-30, -1e-30, 20, -20, 100, -100, Infinity, -Infinity, NaN];
      const X = wasmArray("float32", special.length);
      X.set(special);
      const Y = wasmArray("float32", special.length);
      kernel(1, special.length, X, 0, special.length, Y, 0, special.length);
      const got = Array.from(Y);
      if (name === "tanh") {
        expect(got).toEqual([0, -0, Math.fround(1e-30), -Math.fround(1e-30), 1, -1, 1, -1, 1, -1, NaN]);
      } else {
        // Below −87 the logistic is under 1.7e-38: the kernel returns exp(−87)-scale values, not the exact tail.
        expect(got.slice(0, 4)).toEqual([0.5, 0.5, 0.5, 0.5]);
        expect(got[4]).toBe(1);
        expect(got[5]).toBe(Math.fround(sigmoidScalar(-20)));
        expect(got[6]).toBe(1);
        expect(got[7]).toBeLessThan(2e-38);
        expect(got[8]).toBe(1);
        expect(got[9]).toBeLessThan(2e-38);
        expect(got[10]).toBeNaN();
      }
      freeWasmArray(X);
      freeWasmArray(Y);
    });

    it("works on a block with offsets and leading dimensions, in place, and the same in the tail columns", () => {
      // A 5×7 block (7 = one vector of 4 + a tail of 3) at offset 3 with ld 11, then the same values laid out
      // so that every element falls in a vector lane: results must agree bit for bit.
      const rows = 5, cols = 7, ld = 11, off = 3;
      const X = wasmArray("float32", off + rows * ld).fill(99);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) X[off + r * ld + c] = Math.sin(r * 7 + c) * 4;
      const Y = wasmArray("float32", off + rows * ld).fill(-5);
      kernel(rows, cols, X, off, ld, Y, off, ld);
      const flat = wasmArray("float32", 8 * rows * cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) flat[r * cols + c] = X[off + r * ld + c];
      kernel(1, rows * cols + 1, flat, 0, 36, flat, 0, 36); // in place; 36 elements = 9 full vectors
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < ld; c++) {
          const q = off + r * ld + c;
          if (c < cols) expect(Y[q]).toBe(flat[r * cols + c]);
          else expect(Y[q]).toBe(-5);
        }
      }
      expect(Y[0]).toBe(-5);
      for (const A of [X, Y, flat]) freeWasmArray(A);
    });

    it("stages ordinary float32 arrays through the arena (same results as in place), but not small blocks", () => {
      const n = 3 * 40;
      const heapX = new Float32Array(n).map((_, i) => Math.cos(i) * 3);
      const X = wasmArray("float32", n);
      X.set(heapX);
      const inArena = wasmArray("float32", n);
      kernel(3, 40, X, 0, 40, inArena, 0, 40);
      const heapY = new Float32Array(n + 5).fill(7);
      kernel(3, 37, heapX, 0, 40, heapY, 2, 41); // Y has gaps: ldy 41 > 37 columns
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 41 && 2 + r * 41 + c < heapY.length; c++) {
          const q = 2 + r * 41 + c;
          expect(heapY[q]).toBe(c < 37 ? inArena[r * 40 + c] : 7);
        }
      }
      // In place on a heap array.
      const same = heapX.slice();
      kernel(1, n, same, 0, n, same, 0, n);
      expect(Array.from(same)).toEqual(Array.from(inArena));
      // Small blocks stay on JavaScript: exactly Math.fround of the exact function.
      const small = new Float32Array(ACTIVATION_STAGING_MIN - 1).map((_, i) => i / 7 - 4);
      const out = new Float32Array(small.length);
      kernel(1, small.length, small, 0, small.length, out, 0, small.length);
      expect(Array.from(out)).toEqual(Array.from(small, (v) => Math.fround(exact(v))));
      freeWasmArray(X);
      freeWasmArray(inArena);
    });

    it("is exact on float64 and on the js backend", () => {
      const values = [-30, -3.5, -0.3, 0, 1e-9, 0.7, 2, 15];
      const X64 = wasmArray("float64", values.length);
      X64.set(values);
      const Y64 = wasmArray("float64", values.length);
      kernel(2, 4, X64, 0, 4, Y64, 0, 4);
      expect(Array.from(Y64)).toEqual(values.map(exact));
      setBackend("js");
      const X32 = wasmArray("float32", values.length);
      X32.set(values);
      const Y32 = wasmArray("float32", values.length);
      kernel(1, values.length, X32, 0, values.length, Y32, 0, values.length);
      expect(Array.from(Y32)).toEqual(Array.from(X32, (v) => Math.fround(exact(v))));
      for (const A of [X64, Y64, X32, Y32]) freeWasmArray(A);
    });

    it("adds a bias row first: bit for bit f(fround(x + b)), in the arena, staged, and exactly on float64", () => {
      const rows = 6, cols = 13, ld = 16; // 78 elements: enough to be staged
      const X = wasmArray("float32", rows * ld);
      for (let i = 0; i < X.length; i++) X[i] = Math.sin(i) * 3;
      const bias = wasmArray("float32", 2 + cols);
      for (let c = 0; c < bias.length; c++) bias[c] = Math.cos(c) - 0.5;
      // Reference: the no-bias kernel on fround(x + b).
      const sum = wasmArray("float32", rows * ld);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) sum[r * ld + c] = X[r * ld + c] + bias[2 + c];
      const expected = wasmArray("float32", rows * ld);
      kernel(rows, cols, sum, 0, ld, expected, 0, ld);
      const Y = wasmArray("float32", rows * ld);
      kernel(rows, cols, X, 0, ld, Y, 0, ld, bias, 2);
      expect(Array.from(Y)).toEqual(Array.from(expected));
      // Staged: X and the bias outside the arena, Y inside.
      const heapY = wasmArray("float32", rows * ld);
      kernel(rows, cols, X.slice(), 0, ld, heapY, 0, ld, bias.slice(), 2);
      expect(Array.from(heapY)).toEqual(Array.from(expected));
      // float64: exact.
      const X64 = Float64Array.from(X);
      const Y64 = new Float64Array(X64.length);
      const b64 = Float64Array.from(bias);
      kernel(rows, cols, X64, 0, ld, Y64, 0, ld, b64, 2);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) expect(Y64[r * ld + c]).toBe(exact(X64[r * ld + c] + b64[2 + c]));
      for (const A of [X, bias, sum, expected, Y, heapY]) freeWasmArray(A);
    });
  });
}

describe("an LSTM step's gates (docs/BACKENDS.md)", () => {
  it("takes three in-place calls on the [B, 4H] gate block: σ on i, f and o, tanh on g, each after its bias", () => {
    const B = 5, H = 6, g0 = 4; // gate rows of 4H = 24 (not a multiple of 8), starting at an offset
    const gates = wasmArray("float32", g0 + B * 4 * H);
    for (let k = 0; k < gates.length; k++) gates[k] = Math.sin(k) * 4;
    const biasSum = wasmArray("float32", 4 * H);
    for (let k = 0; k < biasSum.length; k++) biasSum[k] = Math.cos(k) / 2;
    const pre = Float32Array.from(gates);
    sigmoidKernel(B, 2 * H, gates, g0, 4 * H, gates, g0, 4 * H, biasSum, 0); // i, f
    tanhKernel(B, H, gates, g0 + 2 * H, 4 * H, gates, g0 + 2 * H, 4 * H, biasSum, 2 * H); // g
    sigmoidKernel(B, H, gates, g0 + 3 * H, 4 * H, gates, g0 + 3 * H, 4 * H, biasSum, 3 * H); // o
    for (let k = 0; k < g0; k++) expect(gates[k]).toBe(pre[k]);
    for (let r = 0; r < B; r++) {
      for (let k = 0; k < 4 * H; k++) {
        const q = g0 + r * 4 * H + k;
        const x = Math.fround(pre[q] + biasSum[k]);
        const exact = k >= 2 * H && k < 3 * H ? Math.tanh(x) : sigmoidScalar(x);
        expect(Math.abs(gates[q] - exact), `row ${r}, gate column ${k}`).toBeLessThanOrEqual(4 * ulp32(exact) + 1e-12);
      }
    }
    freeWasmArray(gates);
    freeWasmArray(biasSum);
  });
});
