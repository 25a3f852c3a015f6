import { describe, expect, it } from "vitest";
import { zeroNans, ZeroNans } from "./zeroNans";
import { flat, t } from "../../test/helpers";

describe("zeroNans", () => {
  it("replaces NaN by 0 in every tensor, keeps ±Infinity, returns the count", () => {
    const a = t([NaN, 1, Infinity], "float32");
    const b = t([[-Infinity, NaN]]);
    expect(zeroNans([a, null, b])).toBe(2);
    expect([flat(a), flat(b)]).toEqual([[0, 1, Infinity], [-Infinity, 0]]);
  });
});

describe("ZeroNans", () => {
  it("reports elements as units and the counts before and after", () => {
    const s = new ZeroNans().apply([t([NaN, 3]), t([NaN, 4, Infinity, 0])]);
    expect(s).toMatchObject({
      strategy: "zeroNans",
      threshold: null,
      units: 6,
      clippedUnits: 2,
      clipped: true,
      nonFinite: { nan: 2, posInf: 1, negInf: 0 },
      nonFiniteAfter: { nan: 0, posInf: 1, negInf: 0 },
      normAfter: Infinity,
      skip: false,
    });
    expect(new ZeroNans().apply([t([3, 4])])).toMatchObject({ clipped: false, normBefore: 5, normAfter: 5 });
  });
});
