import { describe, expect, it } from "vitest";
import { expectError, markType, subtitle, units } from "../../test/helpers";
import { STRATEGY_COLORS } from "../palette";
import { cliffChart } from "./cliffChart";

describe("cliffChart", () => {
  const grid = { w: [1, 2, 3], b: [-1, 0], error: [[0.4, 0.4, 0.1], [0.2, 0.01, 0.09]] };
  const paths = [
    { label: "plain", strategy: "none", w: [2, 2.5, 40], b: [-1, -0.5, 30] },
    { label: "clipped", strategy: "norm:1", w: [2, 2.2, NaN], b: [-1, -0.8, NaN] },
  ];
  const spec = cliffChart(grid, paths);
  const [cells, halo, line, dots, start, blowup] = units(spec);
  const layer = (spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer;

  it("draws the error surface as rects, one per (w, b), rows along b", () => {
    expect(markType(cells!)).toBe("rect");
    const rows = layer[0]!.data.values;
    expect(rows).toHaveLength(6);
    expect(rows.slice(0, 3).map((r) => [r.w, r.b, r.e])).toEqual([
      [1, -1, 0.4],
      [2, -1, 0.4],
      [3, -1, 0.1],
    ]);
    expect(cells!.encoding.x.title).toBe("recurrent weight w");
    expect(cells!.encoding.y.title).toBe("bias b");
    expect(cells!.encoding.color.scale).toEqual({ type: "linear", scheme: "oranges", zero: true });
    expect(spec.resolve).toEqual({ scale: { color: "independent" }, legend: { color: "independent" } });
  });

  it("overlays each path with a white halo, a line in its strategy's colour, dots and a start ring", () => {
    expect(halo!.mark).toMatchObject({ type: "line", color: "white", clip: true });
    expect(line!.encoding.color.scale).toEqual({ domain: ["plain", "clipped"], range: [STRATEGY_COLORS.none, STRATEGY_COLORS.norm] });
    expect(markType(dots!)).toBe("point");
    expect(start!.mark).toMatchObject({ type: "point", filled: false, size: 160 });
  });

  it("counts iterates thrown off the grid and marks where a path blew up", () => {
    expect(subtitle(spec)).toEqual(["plain: 1 iterate outside the plotted grid", "clipped: 1 non-finite iterate, × where it blew up"]);
    expect(blowup!.mark).toMatchObject({ type: "text", text: "×" });
    const points = layer[1]!.data.values;
    expect(points.filter((p) => p.blowup).map((p) => [p.label, p.k])).toEqual([["clipped", 1]]);
    expect(points.filter((p) => p.flag === "nonFinite").map((p) => [p.pw, p.pb])).toEqual([[null, null]]);
  });

  it("offers a log colour scale, where errors ≤ 0 cannot be drawn", () => {
    const s = cliffChart({ w: [1, 2], b: [0], error: [[0, 0.1]] }, [], { colorScale: "log" });
    const [c] = units(s);
    expect(c!.encoding.color.scale).toEqual({ type: "log", scheme: "oranges", domain: [0.01, 1] });
    expect(subtitle(s)).toEqual(["1 cell with non-finite or ≤ 0 error, in magenta"]);
  });

  it("rejects a grid whose error matrix does not match its axes", () => {
    expectError(() => cliffChart({ w: [1, 2], b: [0], error: [[1, 2], [3, 4]] }), RangeError, "cliffChart: grid.error must have the same length as grid.b (1), got 2");
    expectError(() => cliffChart({ w: [1, 2], b: [0], error: [[1]] }), RangeError, "cliffChart: grid.error[0] must have the same length as grid.w (2), got 1");
    expectError(() => cliffChart({ w: [2, 1], b: [0], error: [[1, 2]] }), RangeError, "cliffChart: grid.w must be strictly increasing, got 2 then 1 at index 1");
    expectError(
      () => cliffChart(grid, [{ label: "p", w: [1, 2], b: [1] }]),
      RangeError,
      "cliffChart: paths[0].b must have the same length as paths[0].w (2), got 1",
    );
    expectError(() => cliffChart(grid, [], { colorScale: "sqrt" as never }), TypeError, 'cliffChart: options.colorScale must be "linear" or "log", got string "sqrt"');
  });

  it("draws 'no data' for an empty grid", () => {
    expect(units(cliffChart({ w: [], b: [], error: [] })).map(markType)).toEqual(["text"]);
  });
});
