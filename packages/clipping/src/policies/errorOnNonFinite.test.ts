import { describe, expect, it } from "vitest";
import { NonFiniteGradientError } from "../errors";
import { ErrorOnNonFinite } from "./errorOnNonFinite";
import { flat, t } from "../../test/helpers";

describe("ErrorOnNonFinite", () => {
  it("throws a NonFiniteGradientError naming each tensor with NaN or ±Infinity", () => {
    const e = new ErrorOnNonFinite();
    const grads = [t([1, NaN]), t([2]), t([-Infinity, Infinity, Infinity])];
    expect(() => e.apply(grads)).toThrow(
      "ErrorOnNonFinite.apply: the gradients are not finite (grads[0] holds 1 NaN; grads[2] holds 2 +Infinity and 1 -Infinity); the error policy stops here (use skip or applyIfFinite to carry on)",
    );
    let caught: unknown;
    try {
      e.apply(grads);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NonFiniteGradientError);
    expect(caught).toBeInstanceOf(RangeError);
    expect((caught as NonFiniteGradientError).counts).toEqual({ nan: 1, posInf: 2, negInf: 1 });
    expect((caught as Error).name).toBe("NonFiniteGradientError");
    expect(flat(grads[0])).toEqual([1, NaN]);
  });

  it("passes finite gradients through untouched", () => {
    const g = [t([3, 4])];
    expect(new ErrorOnNonFinite().apply(g)).toMatchObject({ strategy: "error", clipped: false, units: 2, normBefore: 5, normAfter: 5, skip: false });
    expect(flat(g[0])).toEqual([3, 4]);
  });
});
