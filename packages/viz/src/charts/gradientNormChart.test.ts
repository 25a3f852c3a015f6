import { describe, expect, it } from "vitest";
import { expectError, markType, subtitle, unitFiltered, units, values } from "../../test/helpers";
import { CELL_COLORS, DASHES } from "../palette";
import { gradientNormChart } from "./gradientNormChart";

const decay = (n: number, last: number, factor: number) => Array.from({ length: n }, (_, i) => last * factor ** (n - 1 - i));

describe("gradientNormChart", () => {
  const spec = gradientNormChart([
    { label: "tanh at init", cell: "rnn_tanh", values: decay(50, 0.27, 0.4) },
    { label: "lstm", cell: "lstm", values: decay(50, 0.2, 0.95) },
    { label: "tanh trained", cell: "rnn_tanh", values: decay(50, 0.3, 0.7) },
  ]);
  const [line] = units(spec);

  it("draws one line per series on a log y axis with ticks at powers of ten", () => {
    expect(markType(line!)).toBe("line");
    expect(line!.mark.invalid).toBe("break-paths-filter-domains");
    const y = line!.encoding.y;
    expect(y.scale).toEqual({ type: "log", domain: [1e-21, 1], nice: false });
    expect(y.axis.values).toEqual([1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1]);
    expect(y.axis.labelExpr).toContain("datum.value === 1e-21 ? '10⁻²¹'");
    expect(values(spec)).toHaveLength(150);
    expect(values(spec)[0]).toEqual({ label: "tanh at init", x: 1, y: 0.27 * 0.4 ** 49, flag: "ok", value: "8.557e-21", isolated: false });
  });

  it("titles both axes with what they measure and their scale", () => {
    expect(line!.encoding.x.title).toBe("time step t");
    expect(line!.encoding.y.title).toEqual(["‖∂L/∂hₜ‖ (L2 norm, log scale)"]);
    expect(spec.title).toEqual({ text: "Gradient norm ‖∂L/∂hₜ‖ per time step" });
    expect(spec.description).toMatch(/^The size of the loss gradient/);
  });

  it("takes other axis titles, for the gradient of another quantity", () => {
    const s = gradientNormChart([{ label: "a", values: [1, 0.1], steps: [-2, -1] }], { xTitle: "words before the verb", yTitle: "‖∂s/∂e‖ (log scale)" });
    const [l] = units(s);
    expect(l!.encoding.x.title).toBe("words before the verb");
    expect(l!.encoding.y.title).toEqual(["‖∂s/∂e‖ (log scale)"]);
  });

  it("colours by cell and dashes the second series of a cell", () => {
    const { color, strokeDash } = line!.encoding;
    expect(color.scale).toEqual({
      domain: ["tanh at init", "lstm", "tanh trained"],
      range: [CELL_COLORS.rnn_tanh, CELL_COLORS.lstm, CELL_COLORS.rnn_tanh],
    });
    expect(strokeDash.scale.range).toEqual([DASHES[0], DASHES[0], DASHES[1]]);
  });

  it("adds no point or marker layers when every value is drawable and connected", () => {
    expect(units(spec).map(markType)).toEqual(["line"]);
    expect(subtitle(spec)).toEqual([]);
  });

  it("breaks the line at NaN/±Infinity and marks each with a × at the top", () => {
    const s = gradientNormChart([{ label: "a", values: [1, NaN, 0.1, Infinity, 0.01, 0.001] }]);
    expect(values(s).map((r) => r.y)).toEqual([1, null, 0.1, null, 0.01, 0.001]);
    const marks = unitFiltered(s, "nonFinite")!;
    expect(marks.mark).toMatchObject({ type: "text", text: "×" });
    expect(marks.encoding.y).toEqual({ value: 8 });
    expect(subtitle(s)).toEqual(["× 2 non-finite values (NaN or ±∞), drawn as gaps"]);
    // 1 and 0.1 have no drawable neighbour: the line cannot show them, so points do.
    expect(values(s).filter((r) => r.isolated).map((r) => r.x)).toEqual([1, 3]);
    expect(markType(unitFiltered(s, "datum.isolated")!)).toBe("point");
  });

  it("marks zero and negative values with a ▼ on the bottom edge, off the log axis", () => {
    const s = gradientNormChart([{ label: "a", values: [1, 0, -1, 0.5] }], { height: 200 });
    const marks = unitFiltered(s, "nonPositive")!;
    expect(marks.mark).toMatchObject({ type: "point", shape: "triangle-down" });
    expect(marks.encoding.y).toEqual({ value: 194 });
    expect(subtitle(s)).toEqual(["▼ 2 values ≤ 0, below the log axis, drawn as gaps"]);
  });

  it("draws an empty frame saying 'no data' for no series or only empty ones, naming the empty ones", () => {
    for (const s of [gradientNormChart([]), gradientNormChart([{ label: "lstm", values: [] }])]) {
      expect(units(s).map(markType)).toEqual(["text"]);
      expect(values(s)).toEqual([{ message: "no data" }]);
    }
    expect(subtitle(gradientNormChart([{ label: "lstm", values: [] }, { label: "gru", values: [1] }]))).toEqual(["no data: lstm"]);
  });

  it("uses given steps as x and honours width, height and title", () => {
    const s = gradientNormChart([{ label: "a", values: [1, 2], steps: [10, 20] }], { width: 300, height: 100, title: "T" });
    expect(values(s).map((r) => r.x)).toEqual([10, 20]);
    expect(s).toMatchObject({ width: 300, height: 100, title: { text: "T" } });
  });

  it("rejects bad options with the argument named", () => {
    expectError(() => gradientNormChart([], { width: 0 }), RangeError, "gradientNormChart: options.width must be a positive number, got 0");
    expectError(() => gradientNormChart("x" as never), TypeError, 'gradientNormChart: series must be an array of { label, values }, got string "x"');
  });
});
