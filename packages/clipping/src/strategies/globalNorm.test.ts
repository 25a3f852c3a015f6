import { tensor, transpose, slice, zeros } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { NonFiniteGradientError } from "../errors";
import { clipGradNorm, clipGradsWithNorm, getTotalNorm, GlobalNormClip } from "./globalNorm";
import { expectClose, flat, t } from "../../test/helpers";

// a = [3, 4], b = [[0, 12]]: ‖·‖₂ = 13, ‖·‖₁ = 19, ‖·‖∞ = 12
const make = (dtype: "float32" | "float64" = "float64") => [t([3, 4], dtype), t([[0, 12]], dtype)];

describe("getTotalNorm", () => {
  it("computes the 2-, 1- and inf-norm of all elements together", () => {
    expect(getTotalNorm(make())).toBe(13);
    expect(getTotalNorm(make(), { normType: 2 })).toBe(13);
    expect(getTotalNorm(make(), { normType: 1 })).toBe(19);
    expect(getTotalNorm(make(), { normType: Infinity })).toBe(12);
    expect(getTotalNorm(make("float32"), { normType: 1 })).toBe(19);
  });

  it("is 0 for no gradients, skips null entries and reads only a view's window", () => {
    expect(getTotalNorm([])).toBe(0);
    expect(getTotalNorm([null, undefined])).toBe(0);
    const base = tensor([[100, 100], [3, 4]], { dtype: "float64" });
    const row = slice(base, [1, 0], [1, 2]);
    expect(row.offset).toBe(2);
    expect(getTotalNorm([row, null])).toBe(5);
  });

  it("gives NaN or Infinity for non-finite gradients, and an error when asked", () => {
    expect(getTotalNorm([t([1, NaN]), t([Infinity])])).toBeNaN();
    expect(getTotalNorm([t([1, -Infinity])])).toBe(Infinity);
    expect(getTotalNorm([t([1, -Infinity])], { normType: 1 })).toBe(Infinity);
    expect(getTotalNorm([t([Infinity]), t([NaN])], { normType: Infinity })).toBeNaN();
    expect(() => getTotalNorm([t([1]), t([NaN, Infinity, -Infinity])], { errorIfNonfinite: true })).toThrow(
      new NonFiniteGradientError(
        "getTotalNorm: the total 2-norm of the gradients is NaN, so they cannot be clipped (grads[1] holds 1 NaN and 1 +Infinity and 1 -Infinity); pass errorIfNonfinite: false to scale by it anyway",
        { nan: 1, posInf: 1, negInf: 1 },
      ),
    );
  });

  it("keeps huge and tiny float64 norms finite and exact", () => {
    expectClose(getTotalNorm([t([3e200]), t([4e200])]), 5e200, { rtol: 1e-15 });
    expectClose(getTotalNorm([t([3e-200]), t([4e-200])]), 5e-200, { rtol: 1e-15 });
    // the true 1-norm, 2e308, is beyond float64
    expect(getTotalNorm([t([1e308]), t([1e308])], { normType: 1 })).toBe(Infinity);
  });

  it("validates its arguments", () => {
    expect(() => getTotalNorm(make(), { normType: 3 as never })).toThrow(new RangeError("getTotalNorm: options.normType must be 1, 2 or Infinity, got 3"));
    expect(() => getTotalNorm("x" as never)).toThrow(
      new TypeError('getTotalNorm: grads must be an array of Tensors (null entries are skipped; wrap a single tensor as [t]), got the string "x"'),
    );
    expect(() => getTotalNorm([t([1]), [1, 2] as never])).toThrow(new TypeError("getTotalNorm: grads[1] must be a Tensor or null, got an array of length 2"));
    const m = transpose(zeros([2, 3]));
    expect(() => getTotalNorm([m])).toThrow(
      new TypeError("getTotalNorm: grads[0] must be dense (contiguous) to be clipped in place, got shape [3,2] with strides [1,3]; clip the tensor it is a view of"),
    );
  });
});

describe("clipGradNorm", () => {
  it("scales by maxNorm/(N + 1e-6) and returns N before clipping, for each norm type", () => {
    for (const [normType, n] of [[2, 13], [1, 19], [Infinity, 12]] as const) {
      const g = make();
      expect(clipGradNorm(g, 6.5, { normType })).toBe(n);
      const f = 6.5 / (n + 1e-6);
      expect(flat(g[0])).toEqual([3 * f, 4 * f]);
      expect(flat(g[1])).toEqual([0, 12 * f]);
    }
  });

  it("leaves gradients bitwise unchanged when N + 1e-6 <= maxNorm, and scales by just under 1 at N = maxNorm", () => {
    const g = make();
    clipGradNorm(g, 13 + 1e-6);
    expect(flat(g[0])).toEqual([3, 4]);
    clipGradNorm(g, 13);
    expect(flat(g[0])).toEqual([3 * (13 / 13.000001), 4 * (13 / 13.000001)]);
  });

  it("clips float32 gradients with the float64 factor, rounded once", () => {
    const g = make("float32");
    clipGradNorm(g, 1);
    const f = 1 / 13.000001;
    expect(flat(g[0])).toEqual([Math.fround(3 * f), Math.fround(4 * f)]);
  });

  it("clips a contiguous view in place in its base tensor", () => {
    const base = tensor([[100, 100], [3, 4]], { dtype: "float64" });
    clipGradNorm([slice(base, [1, 0], [1, 2])], 1);
    expect(flat(base)).toEqual([100, 100, 3 / 5.000001, 4 / 5.000001]);
  });

  it("applies a non-finite norm as PyTorch does: NaN spreads, Infinity zeroes the finite elements", () => {
    const a = [t([1, NaN]), t([2])];
    expect(clipGradNorm(a, 1)).toBeNaN();
    expect(a.flatMap(flat)).toEqual([NaN, NaN, NaN]);
    const b = [t([1, Infinity]), t([-2])];
    expect(clipGradNorm(b, 1)).toBe(Infinity);
    expect(b.flatMap(flat)).toEqual([0, NaN, -0]);
    expect(() => clipGradNorm([t([Infinity])], 1, { errorIfNonfinite: true })).toThrow(
      "clipGradNorm: the total 2-norm of the gradients is Infinity, so they cannot be clipped (grads[0] holds 1 +Infinity); pass errorIfNonfinite: false to scale by it anyway",
    );
  });

  it("equals getTotalNorm followed by clipGradsWithNorm", () => {
    const a = make();
    const b = make();
    const n = getTotalNorm(a, { normType: 1 });
    expect(clipGradsWithNorm(a, 2, n)).toBe(2 / 19.000001);
    expect(clipGradNorm(b, 2, { normType: 1 })).toBe(n);
    expect(a.map(flat)).toEqual(b.map(flat));
    expect(clipGradsWithNorm(a, 100, 3)).toBe(1);
  });

  it("validates maxNorm, totalNorm and options", () => {
    expect(() => clipGradNorm(make(), -1)).toThrow(new RangeError("clipGradNorm: maxNorm must be in [0, Infinity), got -1"));
    expect(() => clipGradNorm(make(), 1, null as never)).toThrow(new TypeError("clipGradNorm: options must be an object like { normType: 2 }, got null"));
    expect(() => clipGradNorm(make(), 1, { errorIfNonfinite: 1 as never })).toThrow(new TypeError("clipGradNorm: options.errorIfNonfinite must be a boolean, got 1"));
    expect(() => clipGradsWithNorm(make(), 1, -2)).toThrow(new RangeError("clipGradsWithNorm: totalNorm must be >= 0 (or NaN), got -2"));
    expect(() => clipGradsWithNorm(make(), 1, "2" as never)).toThrow(new TypeError('clipGradsWithNorm: totalNorm must be a number, got the string "2"'));
  });
});

describe("GlobalNormClip", () => {
  it("reports the Euclidean norms, the threshold and the p-norm it compared", () => {
    const g = make();
    const s = new GlobalNormClip(6.5, { normType: 1 }).apply(g);
    const f = 6.5 / 19.000001;
    expect(s.strategy).toBe("norm:6.5:type=1");
    expect(s.normBefore).toBe(13);
    expectClose(s.normAfter, 13 * f);
    expect(s).toMatchObject({ threshold: 6.5, clipped: true, units: 1, clippedUnits: 1, clippedFraction: 1, skip: false });
    expect(s.details).toEqual({ totalNorm: 19, factor: f });
    const below = new GlobalNormClip(100).apply(g);
    expect(below).toMatchObject({ clipped: false, clippedUnits: 0, clippedFraction: 0 });
    expect(below.normAfter).toBe(below.normBefore);
  });

  it("does not count an all-zero gradient as clipped", () => {
    const s = new GlobalNormClip(0).apply([zeros([3], { dtype: "float64" })]);
    expect(s).toMatchObject({ clipped: false, normBefore: 0, normAfter: 0 });
  });

  it("throws with errorIfNonfinite", () => {
    expect(() => new GlobalNormClip(1, { errorIfNonfinite: true }).apply([t([NaN])])).toThrow(
      "GlobalNormClip.apply: the total 2-norm of the gradients is NaN, so they cannot be clipped (grads[0] holds 1 NaN); pass errorIfNonfinite: false to scale by it anyway",
    );
  });
});
