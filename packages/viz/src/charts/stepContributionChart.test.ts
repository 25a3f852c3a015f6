import { describe, expect, it } from "vitest";
import { expectError, markType, subtitle, units } from "../../test/helpers";
import { CELL_COLORS } from "../palette";
import { stepContributionChart } from "./stepContributionChart";

describe("stepContributionChart", () => {
  const series = [
    { label: "RNN", cell: "rnn_tanh" as const, values: [1e-8, 1e-5, 1e-2] },
    { label: "LSTM", cell: "lstm" as const, values: [1e-3, 1e-2, 1e-1] },
  ];

  it("stacks one bar panel per model, sharing t and one log y domain", () => {
    const spec = stepContributionChart(series);
    const panels = (spec as { vconcat: { data: { values: { x: number }[] } }[] }).vconcat;
    expect(panels).toHaveLength(2);
    const [rnnBars, lstmBars] = units(spec);
    expect(markType(rnnBars!)).toBe("rect");
    // Bars span t ± 0.4 and rise from the bottom of the log axis.
    expect(rnnBars!.transform.slice(1)).toEqual([
      { calculate: "datum.x - 0.4", as: "x0" },
      { calculate: "datum.x + 0.4", as: "x1" },
    ]);
    expect(rnnBars!.encoding.y2).toEqual({ datum: 1e-8 });
    expect(rnnBars!.encoding.y.scale).toEqual({ type: "log", domain: [1e-8, 0.1], nice: false });
    expect(lstmBars!.encoding.y.scale).toEqual(rnnBars!.encoding.y.scale);
    expect(rnnBars!.encoding.y.title).toEqual(["RNN", "‖term‖ (log scale)"]);
    expect(rnnBars!.encoding.x.title).toBeNull();
    expect(lstmBars!.encoding.x.title).toBe("time step t");
    expect(rnnBars!.encoding.color.scale.range).toEqual([CELL_COLORS.rnn_tanh, CELL_COLORS.lstm]);
    expect(panels[0]!.data.values.map((r) => r.x)).toEqual([1, 2, 3]);
  });

  it("uses a linear axis from zero when asked", () => {
    const [bars] = units(stepContributionChart(series, { scale: "linear" }));
    expect(bars!.encoding.y.scale).toEqual({ domain: [0, 0.1] });
    expect(bars!.encoding.y2).toEqual({ datum: 0 });
  });

  it("marks zero and non-finite terms on the log axis", () => {
    const spec = stepContributionChart([{ label: "a", values: [0, NaN, 1] }]);
    expect(units(spec).map(markType)).toEqual(["rect", "text", "point"]);
    expect(subtitle(spec)).toEqual(["× 1 non-finite value (NaN or ±∞), drawn as gaps", "▼ 1 value ≤ 0, below the log axis, drawn as gaps"]);
  });

  it("rejects an unknown scale and draws 'no data' for empty input", () => {
    expectError(() => stepContributionChart(series, { scale: "sqrt" as never }), TypeError, 'stepContributionChart: options.scale must be "log" or "linear", got string "sqrt"');
    expect(units(stepContributionChart([{ label: "a", values: [] }])).map(markType)).toEqual(["text"]);
  });
});
