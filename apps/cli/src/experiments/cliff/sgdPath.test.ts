import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../../tooling/testing";
import { oneUnitRnn } from "./oneUnitRnn";
import { sgdPath } from "./sgdPath";

describe("sgdPath", () => {
  it("takes plain SGD steps w ← w − lr·∂E/∂w, b ← b − lr·∂E/∂b", () => {
    const p = sgdPath(4.5, -2.5, { lr: 0.5, steps: 2 });
    const g0 = oneUnitRnn(4.5, -2.5);
    const w1 = 4.5 - 0.5 * g0.dw;
    const b1 = -2.5 - 0.5 * g0.db;
    const g1 = oneUnitRnn(w1, b1);
    expect(p.w).toEqual([4.5, w1, w1 - 0.5 * g1.dw]);
    expect(p.b).toEqual([-2.5, b1, b1 - 0.5 * g1.db]);
    expect(p.error.slice(0, 2)).toEqual([g0.error, g1.error]);
    expect(p.gradNorm[0]).toBe(Math.hypot(g0.dw, g0.db));
    expect(p.error).toHaveLength(3);
    expect(p.clipped).toEqual([false, false]);
  });

  it("with maxNorm, no update is longer than lr·maxNorm and unclipped updates are unchanged", () => {
    const plain = sgdPath(4.5, -2.5, { lr: 0.5, steps: 40 });
    const clipped = sgdPath(4.5, -2.5, { lr: 0.5, steps: 40, maxNorm: 1 });
    for (let k = 0; k < 40; k++) {
      const step = Math.hypot(clipped.w[k + 1]! - clipped.w[k]!, clipped.b[k + 1]! - clipped.b[k]!);
      expect(step).toBeLessThanOrEqual(0.5 * (1 + 1e-9));
      expect(clipped.clipped[k]).toBe(clipped.gradNorm[k]! > 1);
      if (!clipped.clipped[k]) expectClose(step, 0.5 * clipped.gradNorm[k]!, { rtol: 1e-12 });
    }
    // the two paths agree until the first clipped step
    const first = clipped.clipped.indexOf(true);
    expect(first).toBeGreaterThan(0);
    expect(clipped.w.slice(0, first + 1)).toEqual(plain.w.slice(0, first + 1));
  });

  it("from Pascanu's start, plain SGD is thrown off the cliff and clipped SGD stays in the valley", () => {
    const plain = sgdPath(4.5, -2.5);
    const clipped = sgdPath(4.5, -2.5, { maxNorm: 1 });
    const jumps = plain.w.slice(1).map((w, k) => Math.hypot(w - plain.w[k]!, plain.b[k + 1]! - plain.b[k]!));
    expect(Math.max(...jumps)).toBeGreaterThan(5);
    expect(plain.error.at(-1)).toBeGreaterThan(0.05);
    expect(Math.min(...clipped.error.slice(-10))).toBeLessThan(0.01);
  });

  it("names the bad option", () => {
    expect(() => sgdPath(0, 0, { lr: 0 })).toThrow("sgdPath: options.lr must be > 0, got 0");
    expect(() => sgdPath(0, 0, { steps: 1.5 })).toThrow("sgdPath: options.steps must be an integer ≥ 0, got 1.5");
    expect(() => sgdPath(0, 0, { maxNorm: -1 })).toThrow("sgdPath: options.maxNorm must be > 0, got -1");
  });
});
