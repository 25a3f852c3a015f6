import { describe, expect, it } from "vitest";
import { clipByGlobalNorm, TFGlobalNormClip } from "./tfGlobalNorm";
import { flat, t } from "../../test/helpers";

describe("clipByGlobalNorm", () => {
  it("scales by c/max(N, c) with no 1e-6, returning N", () => {
    const g = [t([3, 4]), t([[0, 12]])];
    expect(clipByGlobalNorm(g, 6.5)).toBe(13);
    expect(g.map(flat)).toEqual([[1.5, 2], [0, 6]]);
  });

  it("leaves gradients unchanged when N <= c, including N = c exactly", () => {
    const g = [t([3, 4])];
    expect(clipByGlobalNorm(g, 5)).toBe(5);
    expect(flat(g[0])).toEqual([3, 4]);
  });

  it("turns every element into NaN when N is infinite or NaN, as TF signals an error", () => {
    const a = [t([Infinity, 1]), t([2])];
    expect(clipByGlobalNorm(a, 1)).toBe(Infinity);
    expect(a.flatMap(flat)).toEqual([NaN, NaN, NaN]);
    const b = [t([NaN]), t([2])];
    expect(clipByGlobalNorm(b, 1)).toBeNaN();
    expect(b.flatMap(flat)).toEqual([NaN, NaN]);
  });

  it("needs a finite clipNorm > 0", () => {
    expect(() => clipByGlobalNorm([t([1])], -1)).toThrow(new RangeError("clipByGlobalNorm: clipNorm must be a finite number > 0, got -1"));
  });
});

describe("TFGlobalNormClip", () => {
  it("reports one unit and the factor", () => {
    const s = new TFGlobalNormClip(6.5).apply([t([3, 4]), t([0, 12])]);
    expect(s).toMatchObject({ strategy: "tfglobalnorm:6.5", normBefore: 13, normAfter: 6.5, threshold: 6.5, units: 1, clippedUnits: 1, details: { factor: 0.5 } });
  });
});
