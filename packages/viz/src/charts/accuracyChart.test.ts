import { describe, expect, it } from "vitest";
import { expectError, markType, subtitle, units, values } from "../../test/helpers";
import { CELL_COLORS } from "../palette";
import { accuracyChart } from "./accuracyChart";

describe("accuracyChart", () => {
  const rows = [
    { label: "RNN", cell: "rnn_tanh" as const, bucket: 40, accuracy: 0.6 },
    { label: "RNN", cell: "rnn_tanh" as const, bucket: 10, accuracy: 0.9 },
    { label: "LSTM", cell: "lstm" as const, bucket: 10, accuracy: 0.95, count: 300 },
    { label: "LSTM", cell: "lstm" as const, bucket: 40, accuracy: NaN },
  ];

  it("draws one line with points per model, buckets in order, accuracy in percent", () => {
    const spec = accuracyChart(rows, { by: "distance" });
    expect(values(spec).map((r) => [r.label, r.x, r.y])).toEqual([
      ["RNN", 10, 0.9],
      ["RNN", 40, 0.6],
      ["LSTM", 10, 0.95],
      ["LSTM", 40, null],
    ]);
    const [line, points] = units(spec);
    expect(markType(line!)).toBe("line");
    expect(line!.encoding.x.title).toBe("distance from subject to verb (tokens)");
    expect(line!.encoding.y).toMatchObject({ title: ["accuracy (%)"], scale: { domain: [0, 1] }, axis: { format: ".0%" } });
    expect(line!.encoding.color.scale.range).toEqual([CELL_COLORS.rnn_tanh, CELL_COLORS.lstm]);
    expect(markType(points!)).toBe("point");
    expect(subtitle(spec)).toEqual(["× 1 non-finite value (NaN or ±∞), drawn as gaps"]);
  });

  it("titles the x axis for attractors with integer ticks, and draws the chance line", () => {
    const spec = accuracyChart(rows, { by: "attractors", chance: 0.5 });
    const [chance, chanceText, line] = units(spec);
    expect(chanceText!.encoding.text).toEqual({ field: "text" });
    expect(line!.encoding.x).toMatchObject({ title: "attractors (intervening nouns of the other number)", axis: { tickMinStep: 1, format: "d" } });
    expect(markType(chance!)).toBe("rule");
    expect(spec.title).toEqual({ text: "Accuracy against attractors", subtitle: ["× 1 non-finite value (NaN or ±∞), drawn as gaps"] });
    expect((spec as { layer: { data?: { values: unknown[] } }[] }).layer[0]!.data!.values).toEqual([{ chance: 0.5, text: "chance 50%" }]);
  });

  it("draws log-spaced distance buckets on a log axis with power-of-two ticks, and min–max bands under the lines", () => {
    const logRows = [
      { label: "RNN", cell: "rnn_tanh" as const, bucket: 1, accuracy: 1 },
      { label: "RNN", cell: "rnn_tanh" as const, bucket: Math.sqrt(12), accuracy: 0.8 },
      { label: "RNN", cell: "rnn_tanh" as const, bucket: Math.sqrt(33 * 40), accuracy: 0.5 },
    ];
    const bands = [{ label: "RNN", bucket: 1, low: 0.98, high: 1 }, { label: "RNN", bucket: Math.sqrt(12), low: 0.7, high: 0.9 }];
    const spec = accuracyChart(logRows, { logX: true, bands });
    const [band, line] = units(spec);
    expect(markType(band!)).toBe("area");
    expect(band!.encoding.y).toMatchObject({ field: "low", scale: { domain: [0, 1] } });
    expect(band!.encoding.y2).toEqual({ field: "high" });
    expect((band as unknown as { data: { values: unknown[] } }).data.values).toEqual([
      { x: 1, low: 0.98, high: 1 },
      { x: Math.sqrt(12), low: 0.7, high: 0.9 },
    ]);
    // The model's colour on the mark: the band adds no legend of its own.
    expect(band!.mark).toMatchObject({ type: "area", color: CELL_COLORS.rnn_tanh });
    expect(band!.encoding.color).toBeUndefined();
    expect(line!.encoding.x).toMatchObject({ scale: { type: "log" }, axis: { values: [1, 2, 4, 8, 16, 32, 64] } });
    expect(band!.encoding.x).toEqual(line!.encoding.x);
  });

  it("rejects a log axis for attractors or at bucket 0, and bands that are not fractions or name no model", () => {
    expectError(() => accuracyChart(rows, { by: "attractors", logX: true }), TypeError, 'accuracyChart: options.logX applies to by "distance" only, got by "attractors"');
    expectError(() => accuracyChart([{ label: "a", bucket: 0, accuracy: 0.5 }], { logX: true }), RangeError, "accuracyChart: rows[0].bucket must be > 0 on a log axis (options.logX), got 0");
    expectError(
      () => accuracyChart(rows, { bands: [{ label: "GRU", bucket: 10, low: 0.5, high: 0.6 }] }),
      RangeError,
      'accuracyChart: options.bands[0].label must be a label of rows ("RNN", "LSTM"), got "GRU"',
    );
    expectError(
      () => accuracyChart(rows, { bands: [{ label: "RNN", bucket: 10, low: 0.7, high: 0.6 }] }),
      RangeError,
      "accuracyChart: options.bands[0] must have 0 ≤ low ≤ high ≤ 1, got low 0.7 and high 0.6",
    );
  });

  it("draws 'no data' for no rows", () => {
    expect(units(accuracyChart([])).map(markType)).toEqual(["text"]);
  });

  it("rejects accuracies outside [0, 1], repeated buckets and unknown options", () => {
    expectError(
      () => accuracyChart([{ label: "a", bucket: 1, accuracy: 95 }]),
      RangeError,
      "accuracyChart: rows[0].accuracy must be a fraction in [0, 1] (or NaN), got 95",
    );
    expectError(
      () => accuracyChart([{ label: "a", bucket: 1, accuracy: 0.5 }, { label: "a", bucket: 1, accuracy: 0.6 }]),
      RangeError,
      'accuracyChart: rows[1].bucket must be unique per label, got bucket 1 twice for "a"',
    );
    expectError(() => accuracyChart([], { by: "length" as never }), TypeError, 'accuracyChart: options.by must be "distance" or "attractors", got string "length"');
    expectError(() => accuracyChart([], { chance: 2 }), RangeError, "accuracyChart: options.chance must be a fraction in [0, 1], got 2");
  });
});
