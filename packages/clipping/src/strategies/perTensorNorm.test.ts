import { describe, expect, it } from "vitest";
import { clipGradNorm } from "./globalNorm";
import { clipGradNormPerTensor, PerTensorNormClip } from "./perTensorNorm";
import { flat, t } from "../../test/helpers";

describe("clipGradNormPerTensor", () => {
  it("bounds each tensor by its own norm: g·c/max(‖g‖, c)", () => {
    const a = t([3, 4]); // ‖a‖ = 5 ≤ 6: unchanged
    const b = t([[0, 12]]); // ‖b‖ = 12: halved exactly
    expect(clipGradNormPerTensor([a, null, b], 6)).toBe(1);
    expect(flat(a)).toEqual([3, 4]);
    expect(flat(b)).toEqual([0, 6]);
  });

  it("differs from global-norm clipping on the same gradients (tensorflow#36001)", () => {
    const perTensor = [t([3, 4]), t([0, 12])];
    const global = [t([3, 4]), t([0, 12])];
    clipGradNormPerTensor(perTensor, 6);
    clipGradNorm(global, 6);
    expect(perTensor.flatMap(flat)).toEqual([3, 4, 0, 6]); // total norm √61 > 6, direction changed
    const f = 6 / 13.000001;
    expect(global.flatMap(flat)).toEqual([3 * f, 4 * f, 0, 12 * f]); // total norm ≈ 6, direction kept
  });

  it("makes a tensor with NaN all NaN and one with Infinity NaN there and 0 elsewhere, leaving others alone", () => {
    const a = t([1, NaN]);
    const b = t([Infinity, 2]);
    const c = t([0.5]);
    expect(clipGradNormPerTensor([a, b, c], 1)).toBe(2);
    expect([flat(a), flat(b), flat(c)]).toEqual([[NaN, NaN], [NaN, 0], [0.5]]);
  });

  it("needs a finite maxNorm > 0", () => {
    expect(() => clipGradNormPerTensor([t([1])], 0)).toThrow(new RangeError("clipGradNormPerTensor: maxNorm must be a finite number > 0, got 0"));
    expect(() => new PerTensorNormClip(Infinity)).toThrow(new RangeError("PerTensorNormClip: maxNorm must be a finite number > 0, got Infinity"));
  });
});

describe("PerTensorNormClip", () => {
  it("counts tensors as units", () => {
    const s = new PerTensorNormClip(6).apply([t([3, 4]), null, t([0, 12]), t([7, 0])]);
    expect(s).toMatchObject({ strategy: "tensornorm:6", threshold: 6, units: 3, clippedUnits: 2, clippedFraction: 2 / 3, clipped: true });
    expect(s.normBefore).toBe(Math.sqrt(25 + 144 + 49));
    expect(s.normAfter).toBe(Math.sqrt(25 + 36 + 36));
  });
});
