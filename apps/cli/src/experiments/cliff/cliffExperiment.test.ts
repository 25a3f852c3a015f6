import { describe, expect, it } from "vitest";
import { cliffExperiment } from "./cliffExperiment";
import { oneUnitRnn } from "./oneUnitRnn";

describe("cliffExperiment", () => {
  const r = cliffExperiment({ w: [2, 9, 8], b: [-5, 5, 11], steps: 30 });

  it("lays the error out as error[j][i] = E(w[i], b[j]) on the requested axes", () => {
    expect(r.grid.w).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.grid.b).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    expect(r.grid.error).toHaveLength(11);
    expect(r.grid.error[3]![2]).toBe(oneUnitRnn(4, -2).error);
  });

  it("runs plain and clipped SGD from the same start with the same learning rate", () => {
    expect(r.plain.w[0]).toBe(4.5);
    expect(r.clipped.b[0]).toBe(-2.5);
    expect(r.plain.w).toHaveLength(31);
    expect(r.plain.clipped.every((c) => !c)).toBe(true);
    expect(r.clipped.clipped.some((c) => c)).toBe(true);
    expect({ lr: r.lr, steps: r.steps, maxNorm: r.maxNorm }).toEqual({ lr: 0.5, steps: 30, maxNorm: 1 });
  });

  it("rounds grid axes so that labels are clean", () => {
    expect(cliffExperiment({ w: [2, 9, 71], steps: 0 }).grid.w[1]).toBe(2.1);
  });
});
