import { describe, expect, it } from "vitest";
import { clampAbs, countNonFinite, l2Norm, maxAbs, scale, scaledSumSquares, sumSquares, zeroNaN } from "./kernels";

describe("kernels", () => {
  it("sums squares over a window, for every tail length of the unrolled loop", () => {
    const d = new Float64Array([100, 1, -2, 3, -4, 5, -6, 7, 100]);
    for (let n = 0; n <= 7; n++) {
      let sq = 0;
      for (let i = 1; i <= n; i++) sq += d[i] * d[i];
      expect(sumSquares(d, 1, n)).toBe(sq);
    }
    expect(scaledSumSquares(d, 1, 2, 2)).toBe(0.25 + 1);
  });

  it("maxAbs propagates NaN wherever it is and is 0 for no elements", () => {
    expect(maxAbs(new Float32Array([1, -3, 2]), 0, 3)).toBe(3);
    expect(maxAbs(new Float32Array([NaN, -3, 2]), 0, 3)).toBeNaN();
    expect(maxAbs(new Float32Array([1, 5, NaN]), 0, 3)).toBeNaN();
    expect(maxAbs(new Float32Array([1, -Infinity]), 0, 2)).toBe(Infinity);
    expect(maxAbs(new Float32Array([7]), 0, 0)).toBe(0);
  });

  it("l2Norm survives float64 overflow and underflow of the sum of squares", () => {
    expect(l2Norm(new Float64Array([3e200, 4e200]), 0, 2)).toBeCloseTo(5e200, -188);
    expect(l2Norm(new Float64Array([3e200, 4e200]), 0, 2) / 5e200).toBeCloseTo(1, 14);
    expect(l2Norm(new Float64Array([3e-200, 4e-200]), 0, 2) / 5e-200).toBeCloseTo(1, 14);
    expect(l2Norm(new Float64Array([0, 0]), 0, 2)).toBe(0);
    expect(l2Norm(new Float64Array([1, Infinity]), 0, 2)).toBe(Infinity);
    expect(l2Norm(new Float64Array([Infinity, NaN]), 0, 2)).toBeNaN();
    expect(l2Norm(new Float64Array([3, 4]), 0, 2)).toBe(5);
  });

  it("scale, clampAbs and zeroNaN change only their window", () => {
    const d = new Float64Array([9, 2, -8, NaN, Infinity, -Infinity, 9]);
    scale(d, 1, 2, 0.5);
    expect(Array.from(d.subarray(0, 3))).toEqual([9, 1, -4]);
    expect(clampAbs(d, 1, 5, 3)).toBe(3); // -4 → -3, +Inf → 3, -Inf → -3; NaN stays
    expect(Array.from(d)).toEqual([9, 1, -3, NaN, 3, -3, 9]);
    expect(zeroNaN(d, 0, 7)).toBe(1);
    expect(Array.from(d)).toEqual([9, 1, -3, 0, 3, -3, 9]);
  });

  it("clampAbs bounds float32 data by c rounded to float32, so clamped elements are not counted again", () => {
    const d = new Float32Array([0.3, -0.3, 0.01]);
    expect(clampAbs(d, 0, 3, 0.05)).toBe(2);
    expect(Array.from(d)).toEqual([Math.fround(0.05), -Math.fround(0.05), Math.fround(0.01)]);
    expect(clampAbs(d, 0, 3, 0.05)).toBe(0);
  });

  it("countNonFinite adds NaN, +Infinity and -Infinity separately", () => {
    const counts = { nan: 1, posInf: 0, negInf: 0 };
    countNonFinite(new Float32Array([NaN, Infinity, -Infinity, -Infinity, 0, 1e30]), 0, 6, counts);
    expect(counts).toEqual({ nan: 2, posInf: 1, negInf: 2 });
  });
});
