import { slice } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { clipGradValue, ValueClip } from "./value";
import { flat, t } from "../../test/helpers";

describe("clipGradValue", () => {
  it("clamps every element to [-c, c] in place and returns how many changed", () => {
    const a = t([1, -7, 0.25]);
    const b = t([[0.5, -0.5], [0.75, -2]]);
    expect(clipGradValue([a, b], 0.5)).toBe(4);
    expect(flat(a)).toEqual([0.5, -0.5, 0.25]);
    expect(flat(b)).toEqual([0.5, -0.5, 0.5, -0.5]);
  });

  it("keeps NaN and turns ±Infinity into ±c, as torch.clamp", () => {
    const a = t([NaN, Infinity, -Infinity, 3], "float32");
    expect(clipGradValue([a, null], 2)).toBe(3);
    expect(flat(a)).toEqual([NaN, 2, -2, 2]);
  });

  it("clamps only a view's own elements of a shared buffer", () => {
    const base = t([[9, 9], [5, -5], [9, 9]]);
    const row = slice(base, [1, 0], [1, 2]); // dense, at offset 2 of base's buffer
    expect(row.offset).toBe(2);
    expect(clipGradValue([row], 1)).toBe(2);
    expect(flat(base)).toEqual([9, 9, 1, -1, 9, 9]);
  });

  it("c = 0 zeroes everything and c = Infinity changes nothing", () => {
    const a = t([1, -2]);
    expect(clipGradValue([a], Infinity)).toBe(0);
    expect(flat(a)).toEqual([1, -2]);
    clipGradValue([a], 0);
    expect(flat(a)).toEqual([0, -0]);
  });

  it("rejects a bad clip value", () => {
    expect(() => clipGradValue([t([1])], -1)).toThrow(new RangeError("clipGradValue: clipValue must be in [0, Infinity), got -1"));
    expect(() => clipGradValue([t([1])], NaN)).toThrow("clipGradValue: clipValue must be in [0, Infinity), got NaN");
    expect(() => clipGradValue([t([1])], "1" as never)).toThrow(new TypeError('clipGradValue: clipValue must be a number, got the string "1"'));
  });
});

describe("ValueClip", () => {
  it("reports elements as units", () => {
    const a = t([3, -4]);
    const b = t([0.5, 0]);
    const s = new ValueClip(1).apply([a, b]);
    expect(s).toEqual({
      strategy: "value:1",
      normBefore: Math.sqrt(9 + 16 + 0.25),
      normAfter: Math.sqrt(1 + 1 + 0.25),
      threshold: 1,
      clipped: true,
      units: 4,
      clippedUnits: 2,
      clippedFraction: 0.5,
      nonFinite: { nan: 0, posInf: 0, negInf: 0 },
      nonFiniteAfter: { nan: 0, posInf: 0, negInf: 0 },
      skip: false,
    });
    expect(new ValueClip(1).apply([a, b]).clipped).toBe(false);
  });
});
