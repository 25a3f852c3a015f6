import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../../tooling/testing";
import { oneUnitRnn, PASCANU_RNN } from "./oneUnitRnn";

/** E by a plain forward loop, independent of the implementation under test. */
function forward(w: number, b: number, steps = 50): number {
  let x = 0.5;
  for (let t = 0; t < steps; t++) x = w / (1 + Math.exp(-x)) + b;
  return (1 / (1 + Math.exp(-x)) - 0.7) ** 2;
}

describe("oneUnitRnn", () => {
  it("computes E = (σ(x_T) − 0.7)² of x_t = w·σ(x_{t−1}) + b from x_0 = 0.5", () => {
    // w = 0, b = 0: x_t = 0 for t ≥ 1, σ(0) = 0.5, E = 0.04 exactly.
    expect(oneUnitRnn(0, 0).error).toBeCloseTo(0.04, 15);
    // one step by hand: x_1 = 2·σ(0.5) − 1
    const x1 = 2 / (1 + Math.exp(-0.5)) - 1;
    expect(oneUnitRnn(2, -1, { ...PASCANU_RNN, steps: 1 }).error).toBe((1 / (1 + Math.exp(-x1)) - 0.7) ** 2);
  });

  it.each([
    [1, 0],
    [4.5, -2.5],
    [6, -3],
    [-3, 2],
    [8, -4.2],
    [2.5, 1.5],
  ])("matches central differences of E at (w, b) = (%d, %d)", (w, b) => {
    const h = 1e-6;
    const g = oneUnitRnn(w, b);
    expect(g.error).toBeCloseTo(forward(w, b), 14);
    const dw = (forward(w + h, b) - forward(w - h, b)) / (2 * h);
    const db = (forward(w, b + h) - forward(w, b - h)) / (2 * h);
    expectClose([g.dw, g.db], [dw, db], { rtol: 1e-5, atol: 1e-9 });
  });

  it("has a cliff: the gradient on the wall is orders of magnitude larger than beside it", () => {
    // Along b = −2.5 the fixed point bifurcates between w = 4.5 and w = 6 (Pascanu et al. 2013, Fig. 6).
    const norms = Array.from({ length: 15_001 }, (_, i) => {
      const g = oneUnitRnn(4.5 + i * 1e-4, -2.5);
      return Math.hypot(g.dw, g.db);
    });
    expect(Math.max(...norms)).toBeGreaterThan(1e3 * norms[0]!);
  });

  it("reuses a scratch buffer without changing the result", () => {
    const scratch = new Float64Array(51);
    expect(oneUnitRnn(5, -2.7, PASCANU_RNN, scratch)).toEqual(oneUnitRnn(5, -2.7));
  });
});
