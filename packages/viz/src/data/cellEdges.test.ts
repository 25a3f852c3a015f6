import { describe, expect, it } from "vitest";
import { cellEdges, drawnEnd } from "./cellEdges";

describe("cellEdges", () => {
  it("puts edges halfway between centres and half a gap beyond the ends", () => {
    expect(cellEdges([1, 2, 3])).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(cellEdges([0, 10, 30])).toEqual([-5, 5, 20, 40]);
  });

  it("gives one centre a unit-wide cell and no centres no edges", () => {
    expect(cellEdges([7])).toEqual([6.5, 7.5]);
    expect(cellEdges([])).toEqual([]);
  });
});

describe("drawnEnd", () => {
  it("pushes every cell but the last slightly into its neighbour", () => {
    const edges = [0, 10, 20];
    expect(drawnEnd(edges, 0)).toBeCloseTo(10.4, 12);
    expect(drawnEnd(edges, 1)).toBe(20);
    expect(drawnEnd(edges, 0, 0)).toBe(10);
  });
});
