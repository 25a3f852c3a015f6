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
