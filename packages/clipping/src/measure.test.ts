import { describe, expect, it } from "vitest";
import { measure, nonFiniteTotal } from "./measure";
import { t } from "../test/helpers";

describe("measure", () => {
  it("gives the Euclidean norm and zero counts for finite gradients", () => {
    expect(measure([t([3, 4]), null, t([[12]])])).toEqual({ norm: 13, nan: 0, posInf: 0, negInf: 0 });
  });

  it("counts NaN, +Infinity and -Infinity when the norm is not finite", () => {
    const m = measure([t([NaN, Infinity]), t([-Infinity, -Infinity, 1])]);
    expect(m).toEqual({ norm: NaN, nan: 1, posInf: 1, negInf: 2 });
    expect(nonFiniteTotal(m)).toBe(4);
  });

  it("does not mistake an overflowing sum of squares for an infinite element", () => {
    expect(measure([t([1e200, 1e200])])).toEqual({ norm: Math.SQRT2 * 1e200, nan: 0, posInf: 0, negInf: 0 });
  });
});
