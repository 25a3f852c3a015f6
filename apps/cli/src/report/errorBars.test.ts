import { accuracyChart, CELL_COLORS } from "@vanish/viz";
import { describe, expect, it } from "vitest";
import { withErrorBars } from "./errorBars";

const rows = [10, 20].flatMap((bucket) => [
  { label: "RNN", cell: "rnn_tanh" as const, bucket, accuracy: 0.6 },
  { label: "LSTM", cell: "lstm" as const, bucket, accuracy: 0.9 },
]);

describe("withErrorBars", () => {
  const spec = accuracyChart(rows, { by: "distance" }) as unknown as { layer: unknown[] };
  const bars = rows.map((r) => ({ label: r.label, cell: r.cell, bucket: r.bucket, low: r.accuracy - 0.05, high: r.accuracy + 0.05 }));
  const out = withErrorBars(spec, bars) as unknown as { layer: { layer?: { data: { values: unknown[] }; layer: { mark: { type: string; color: string }; encoding: { x: object; y: { field: string } } }[] }[] }[] };

  it("adds one layer of rules and caps per label, in the chart's colours for those cells", () => {
    expect(out.layer).toHaveLength(spec.layer.length + 1);
    const added = out.layer.at(-1)!.layer!;
    expect(added.map((l) => l.layer[0]!.mark.color)).toEqual([CELL_COLORS.rnn_tanh, CELL_COLORS.lstm]);
    expect(added.map((l) => l.layer.map((m) => m.mark.type))).toEqual([
      ["rule", "tick", "tick"],
      ["rule", "tick", "tick"],
    ]);
    expect(added[1]!.data.values).toEqual([
      { label: "LSTM", x: 10, low: 0.9 - 0.05, high: 0.9 + 0.05 },
      { label: "LSTM", x: 20, low: 0.9 - 0.05, high: 0.9 + 0.05 },
    ]);
  });

  it("copies the chart's x and y encodings, so the axes stay shared", () => {
    const rule = out.layer.at(-1)!.layer![0]!.layer[0]!;
    expect(rule.encoding.x).toMatchObject({ field: "x", type: "quantitative", title: "distance from subject to verb (tokens)" });
    expect(rule.encoding.y).toMatchObject({ field: "low", scale: { domain: [0, 1] } });
  });

  it("leaves the spec as it is without bars, and refuses a spec without layers", () => {
    expect(withErrorBars(spec, [])).toBe(spec);
    expect(() => withErrorBars({ mark: "line" }, bars)).toThrow("withErrorBars: spec must be a layered Vega-Lite spec (with a top-level layer array)");
  });
});
