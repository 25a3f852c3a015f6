import { describe, expect, it } from "vitest";
import { expectError, markType, subtitle, units, values } from "../../test/helpers";
import { MARKER_COLORS } from "../palette";
import { gradientHeatmapChart } from "./gradientHeatmapChart";

describe("gradientHeatmapChart", () => {
  const norms = [
    [1e-6, 1e-3, 1],
    [1e-4, 1e-2, 0.5],
  ];

  it("draws one rect per (training step, time step) with a log colour scale at powers of ten", () => {
    const spec = gradientHeatmapChart({ norms, trainingSteps: [0, 100] });
    const [cells] = units(spec);
    expect(markType(cells!)).toBe("rect");
    expect(cells!.encoding.color.scale).toEqual({ type: "log", scheme: "viridis", domain: [1e-6, 1] });
    expect(cells!.encoding.color.legend.values).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(cells!.encoding.x.title).toBe("time step t");
    expect(cells!.encoding.y.title).toBe("training step");
    const rows = values(spec);
    expect(rows).toHaveLength(6);
    // Cells are centred on their coordinates; each (but the last) overlaps its neighbour by 4% to hide seams.
    expect(rows[0]).toMatchObject({ t: 1, t0: 0.5, step: 0, s0: -50, v: 1e-6, flag: "ok" });
    expect(rows[0]!.t1).toBeCloseTo(1.54, 12);
    expect(rows[5]).toMatchObject({ t: 3, t1: 3.5, step: 100, s1: 150 });
    expect(units(spec)).toHaveLength(1);
  });

  it("paints NaN/±∞ cells magenta and cells ≤ 0 grey, each in its own legend, and says how many", () => {
    const spec = gradientHeatmapChart({ norms: [[1, NaN, 0], [Infinity, 0.1, -1]] });
    const [, bad] = units(spec);
    expect(bad!.encoding.fill.scale).toEqual({
      domain: ["non-finite (NaN, ±∞)", "≤ 0 (off the log scale)"],
      range: [MARKER_COLORS.nonFinite, MARKER_COLORS.nonPositive],
    });
    expect(values(spec).filter((r) => r.flag !== "ok").map((r) => r.value)).toEqual(["NaN", "0", "Infinity", "-1"]);
    expect(subtitle(spec)).toEqual(["2 non-finite cells (NaN or ±∞) in magenta", "2 cells ≤ 0, off the log scale, in grey"]);
  });

  it("draws 'no data' for an empty matrix", () => {
    expect(units(gradientHeatmapChart({ norms: [] })).map(markType)).toEqual(["text"]);
    expect(units(gradientHeatmapChart({ norms: [[], []] })).map(markType)).toEqual(["text"]);
  });

  it("rejects ragged rows, mismatched step lists and unordered steps", () => {
    expectError(
      () => gradientHeatmapChart({ norms: [[1, 2], [3]] }),
      RangeError,
      "gradientHeatmapChart: input.norms[1] must have the same length as input.norms[0] (2), got 1",
    );
    expectError(
      () => gradientHeatmapChart({ norms, trainingSteps: [0] }),
      RangeError,
      "gradientHeatmapChart: input.trainingSteps must have the same length as input.norms (2), got 1",
    );
    expectError(
      () => gradientHeatmapChart({ norms, timeSteps: [1, 2] }),
      RangeError,
      "gradientHeatmapChart: input.timeSteps must have the same length as input.norms[0] (3), got 2",
    );
    expectError(
      () => gradientHeatmapChart({ norms, trainingSteps: [5, 5] }),
      RangeError,
      "gradientHeatmapChart: input.trainingSteps must be strictly increasing, got 5 then 5 at index 1",
    );
    expectError(() => gradientHeatmapChart(null as never), TypeError, "gradientHeatmapChart: input must be an object { norms, trainingSteps?, timeSteps? }, got null");
  });
});
