import { describe, expect, it } from "vitest";
import { expectError, markType, units, values } from "../../test/helpers";
import { spectralRadiusChart } from "./spectralRadiusChart";

describe("spectralRadiusChart", () => {
  const series = [{ label: "tanh", cell: "rnn_tanh" as const, steps: [0, 100, 200], values: [0.8, 1.1, 1.3] }];

  it("draws ρ(W_hh) against training step with a dotted line at 1/γ", () => {
    const spec = spectralRadiusChart(series);
    const [rule, text, line] = units(spec);
    expect(markType(rule!)).toBe("rule");
    expect(rule!.mark.strokeDash).toEqual([2, 3]);
    expect((spec as { layer: { data?: { values: unknown[] } }[] }).layer[0]!.data!.values).toEqual([{ bound: 1, text: "1/γ = 1" }]);
    expect(markType(text!)).toBe("text");
    expect(line!.encoding.x.title).toBe("training step");
    expect(line!.encoding.y.title).toEqual(["spectral radius ρ(W_hh)"]);
    // The axis starts at 0 and clears the larger of the data and the line.
    expect(line!.encoding.y.scale.domain[0]).toBe(0);
    expect(line!.encoding.y.scale.domain[1]).toBeCloseTo(1.43, 12);
    expect(values(spec).map((r) => r.x)).toEqual([0, 100, 200]);
  });

  it("moves the line to 1/γ and renames the metric", () => {
    const spec = spectralRadiusChart(series, { gamma: 0.25, metric: "maxSingularValue" });
    expect((spec as { layer: { data?: { values: unknown[] } }[] }).layer[0]!.data!.values).toEqual([{ bound: 4, text: "1/γ = 4" }]);
    const line = units(spec).find((u) => markType(u) === "line")!;
    expect(line.encoding.y.title).toEqual(["largest singular value σ_max(W_hh)"]);
    expect(line.encoding.y.scale.domain[1]).toBeCloseTo(4.4, 12);
    expect(spec.title).toEqual({ text: "Largest singular value of W_hh during training" });
  });

  it("rejects a non-positive γ and an unknown metric", () => {
    expectError(() => spectralRadiusChart(series, { gamma: 0 }), RangeError, "spectralRadiusChart: options.gamma must be a positive number, got 0");
    expectError(
      () => spectralRadiusChart(series, { metric: "norm" as never }),
      TypeError,
      'spectralRadiusChart: options.metric must be "spectralRadius" or "maxSingularValue", got string "norm"',
    );
  });

  it("draws 'no data' for no values", () => {
    expect(units(spectralRadiusChart([])).map(markType)).toEqual(["text"]);
  });
});
