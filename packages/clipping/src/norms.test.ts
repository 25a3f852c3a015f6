import { describe, expect, it } from "vitest";
import { computeGlobalNorm, globalL2, normOut } from "./norms";
import { t } from "../test/helpers";

describe("computeGlobalNorm", () => {
  it("leaves the 2-, 1- and inf-norm of all tensors in normOut[0], for every tail length of the unrolled loop", () => {
    for (let n = 1; n <= 9; n++) {
      const a = Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (i + 1));
      const grads = [t(a), null, t([[2]])];
      computeGlobalNorm(grads, 2);
      expect(normOut[0]).toBe(Math.sqrt(a.reduce((s, v) => s + v * v, 0) + 4));
      computeGlobalNorm(grads, 1);
      expect(normOut[0]).toBe(a.reduce((s, v) => s + Math.abs(v), 0) + 2);
      computeGlobalNorm(grads, 0);
      expect(normOut[0]).toBe(Math.max(n, 2));
    }
  });

  it("rescales a float64 sum of squares that overflows or underflows across several tensors", () => {
    expect(globalL2([t([3e200]), t([4e200])]) / 5e200).toBeCloseTo(1, 14);
    expect(globalL2([t([3e-200]), null, t([4e-200])]) / 5e-200).toBeCloseTo(1, 14);
    expect(globalL2([t([0]), t([0, 0])])).toBe(0);
    expect(globalL2([t([1e300]), t([Infinity])])).toBe(Infinity);
    expect(globalL2([t([1e300]), t([NaN])])).toBeNaN();
  });

  it("propagates NaN in the inf-norm wherever it is", () => {
    computeGlobalNorm([t([5]), t([1, NaN])], 0);
    expect(normOut[0]).toBeNaN();
  });
});
