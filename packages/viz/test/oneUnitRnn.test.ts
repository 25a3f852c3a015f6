import { describe, expect, it } from "vitest";
import { errorAndGradient, errorSurface, sgdPath } from "../examples/oneUnitRnn";

describe("the one-unit RNN behind the cliff example", () => {
  it("has the gradient of its error, checked by central differences", () => {
    for (const [w, b] of [
      [1, 0],
      [3, -1.5],
      [4.5, -2.5],
      [6, -4],
    ] as const) {
      const g = errorAndGradient(w, b);
      const h = 1e-6;
      const dw = (errorAndGradient(w + h, b).error - errorAndGradient(w - h, b).error) / (2 * h);
      const db = (errorAndGradient(w, b + h).error - errorAndGradient(w, b - h).error) / (2 * h);
      expect(g.dw).toBeCloseTo(dw, 6);
      expect(g.db).toBeCloseTo(db, 6);
    }
  });

  it("keeps its error in [0, 0.49], since σ ∈ (0, 1) and the target is 0.7", () => {
    const w = [0, 2, 4, 6, 8];
    const b = [-5, -2.5, 0, 2.5];
    for (const row of errorSurface(w, b)) for (const e of row) expect(e >= 0 && e <= 0.49).toBe(true);
  });

  it("takes steps no longer than lr × threshold when clipped, and much longer without on the cliff", () => {
    const lr = 0.5;
    const clipped = sgdPath(4.5, -2.5, lr, 40, 1);
    const plain = sgdPath(4.5, -2.5, lr, 40);
    const longest = (p: { w: number[]; b: number[] }) =>
      Math.max(...p.w.slice(1).map((w, k) => Math.hypot(w - p.w[k]!, p.b[k + 1]! - p.b[k]!)));
    expect(longest(clipped)).toBeLessThanOrEqual(lr * 1 + 1e-12);
    expect(longest(plain)).toBeGreaterThan(5);
    // Clipped SGD ends near the valley of low error; plain SGD is stuck on the plateau it was thrown to.
    expect(errorAndGradient(clipped.w[40]!, clipped.b[40]!).error).toBeLessThan(0.01);
    expect(errorAndGradient(plain.w[40]!, plain.b[40]!).error).toBeGreaterThan(0.08);
  });
});
