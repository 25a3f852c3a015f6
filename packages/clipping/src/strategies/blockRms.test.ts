import { describe, expect, it } from "vitest";
import { BlockRmsClip, clipGradBlockRms } from "./blockRms";
import { expectClose, flat, t } from "../../test/helpers";

describe("clipGradBlockRms", () => {
  it("divides each tensor by max(1, rms/τ)", () => {
    const u = t([3, 4, 0, 0]); // rms = √(25/4) = 2.5 → u / 2.5
    const v = t([[0.1, -0.1]]); // rms = 0.1 ≤ 1: unchanged
    expect(clipGradBlockRms([u, v, null], 1)).toBe(1);
    expectClose(flat(u), [1.2, 1.6, 0, 0], { rtol: 1e-15 });
    expect(flat(v)).toEqual([0.1, -0.1]);
  });

  it("bounds by size: the same values pass in a big tensor's RMS but not its norm", () => {
    const big = t(new Array(100).fill(0.5)); // rms 0.5, norm 5
    expect(clipGradBlockRms([big], 0.5)).toBe(0);
    expect(clipGradBlockRms([big], 0.25)).toBe(1);
    expectClose(flat(big), new Array(100).fill(0.25), { rtol: 1e-15 });
  });

  it("spreads NaN within its tensor only (as optax)", () => {
    const a = t([NaN, 1]);
    const b = t([2]);
    clipGradBlockRms([a, b], 5);
    expect([flat(a), flat(b)]).toEqual([[NaN, NaN], [2]]);
  });

  it("needs a finite threshold > 0", () => {
    expect(() => clipGradBlockRms([t([1])], 0)).toThrow(new RangeError("clipGradBlockRms: threshold must be a finite number > 0, got 0"));
  });
});

describe("BlockRmsClip", () => {
  it("counts tensors as units", () => {
    const s = new BlockRmsClip(1).apply([t([3, 4, 0, 0]), t([0.1])]);
    expect(s).toMatchObject({ strategy: "blockrms:1", threshold: 1, units: 2, clippedUnits: 1, clippedFraction: 0.5 });
  });
});
