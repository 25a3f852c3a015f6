import { describe, expect, it } from "vitest";
import { expectError, markType, subtitle, units } from "../../test/helpers";
import { STRATEGY_COLORS } from "../palette";
import type { TrainingRecord } from "../types";
import { trainingCurvesChart } from "./trainingCurvesChart";

const record = (step: number, over: Partial<TrainingRecord> = {}): TrainingRecord => ({
  step,
  loss: 1 / (step + 1),
  gradNorm: 0.5,
  clipped: false,
  threshold: 1,
  nonFinite: false,
  ...over,
});

describe("trainingCurvesChart", () => {
  const clipped = {
    label: "norm 1",
    strategy: "norm:1",
    records: [record(0), record(1, { gradNorm: 5, clipped: true }), record(2), record(3, { gradNorm: 3, clipped: true })],
  };
  const exploding = {
    label: "plain",
    strategy: "none",
    records: [
      record(0, { threshold: null }),
      record(1, { threshold: null, gradNorm: 1e4 }),
      record(2, { threshold: null, loss: NaN, gradNorm: Infinity, nonFinite: true }),
      record(3, { threshold: null, loss: NaN, gradNorm: NaN, nonFinite: true }),
    ],
  };
  const spec = trainingCurvesChart([clipped, exploding]);
  const panels = (spec as { vconcat: unknown[] }).vconcat;

  it("stacks loss and gradient-norm panels on a shared step axis, coloured by strategy", () => {
    expect(panels).toHaveLength(2);
    expect(spec.resolve).toEqual({ scale: { x: "shared", color: "shared", strokeDash: "shared" } });
    const [lossLine] = units(panels[0]);
    expect(lossLine!.encoding.y.title).toEqual(["loss (nats)"]);
    expect(lossLine!.encoding.color.scale).toEqual({ domain: ["norm 1", "plain"], range: [STRATEGY_COLORS.norm, STRATEGY_COLORS.none] });
    const [normLine] = units(panels[1]);
    expect(normLine!.encoding.y.title).toEqual(["total gradient norm", "‖g‖₂ (log scale)"]);
    expect(normLine!.encoding.y.scale).toEqual({ type: "log", domain: [0.1, 1e4], nice: false });
  });

  it("draws each run's threshold as a dashed step line and a dot on every clipped step", () => {
    const normUnits = units(panels[1]);
    const threshold = normUnits.find((u) => u.encoding?.y?.field === "t")!;
    expect(threshold.mark).toMatchObject({ type: "line", interpolate: "step-after", strokeDash: [5, 3] });
    expect(threshold.data.values.map((r: { label: string; t: number }) => r.label)).toEqual(["norm 1", "norm 1", "norm 1", "norm 1"]);
    const dots = normUnits.find((u) => markType(u) === "point" && u.data !== undefined)!;
    expect(dots.data.values.map((r: { x: number; y: number }) => [r.x, r.y])).toEqual([
      [1, 5],
      [3, 3],
    ]);
  });

  it("gives the fraction of clipped steps and the first non-finite step in the subtitle", () => {
    expect(subtitle(spec)).toEqual([
      "norm 1: clipped 2 of 4 steps (50.0%)",
      "plain: clipped 0 of 4 steps (0.0%); 2 non-finite steps, first at step 2",
      "thin dashed line: clip threshold · dot: clipped step · × and shaded band: non-finite steps",
    ]);
  });

  it("marks a run of non-finite steps once, with a band, a dashed rule and a × in every panel", () => {
    for (const panel of panels) {
      const marks = units(panel).filter((u) => u.data?.values?.[0]?.text !== undefined);
      expect(marks.map(markType)).toEqual(["rect", "rule", "text"]);
      expect(marks[0]!.data.values).toEqual([{ label: "plain", x0: 2, x1: 3, text: "steps 2–3 (2)" }]);
    }
  });

  it("treats a NaN loss as non-finite even when the record does not say so", () => {
    const s = trainingCurvesChart([{ label: "r", records: [record(0), record(1, { loss: NaN })] }]);
    expect(subtitle(s)[0]).toBe("r: clipped 0 of 2 steps (0.0%); 1 non-finite step, first at step 1");
  });

  it("adds an accuracy panel, in percent, when records carry accuracy", () => {
    const s = trainingCurvesChart([{ label: "r", records: [record(0, { accuracy: 0.5 }), record(1, { accuracy: 0.75 })] }]);
    const acc = (s as { vconcat: unknown[] }).vconcat[1];
    const [line] = units(acc);
    expect(line!.encoding.y).toMatchObject({ title: ["accuracy (%)"], scale: { domain: [0, 1] }, axis: { format: ".0%" } });
  });

  it("draws 'no data' when no run has records", () => {
    const s = trainingCurvesChart([{ label: "r", records: [] }]);
    expect(units(s).map(markType)).toEqual(["text"]);
    expect(subtitle(s)).toEqual(["r: no data"]);
  });

  it("rejects malformed records with their path", () => {
    expectError(
      () => trainingCurvesChart([{ label: "r", records: [{ ...record(0), clipped: "yes" as never }] }]),
      TypeError,
      'trainingCurvesChart: runs[0].records[0].clipped must be a boolean, got string "yes"',
    );
    expectError(
      () => trainingCurvesChart([{ label: "r", records: [record(0, { accuracy: 75 })] }]),
      RangeError,
      "trainingCurvesChart: runs[0].records[0].accuracy must be a fraction in [0, 1], got number 75",
    );
    expectError(
      () => trainingCurvesChart([{ label: "r", records: [record(NaN)] }]),
      RangeError,
      "trainingCurvesChart: runs[0].records[0].step must be finite, got NaN",
    );
  });
});

describe("trainingCurvesChart on a long log", () => {
  it("handles 200,000 records (more than a spread call can take)", () => {
    const records = Array.from({ length: 200_000 }, (_, step) => record(step));
    const s = trainingCurvesChart([{ label: "long", records }]);
    const threshold = units((s as { vconcat: unknown[] }).vconcat[1]).find((u) => u.encoding?.y?.field === "t")!;
    expect(threshold.encoding.x.scale.domain).toEqual([0, 199_999]);
    expect(subtitle(s)[0]).toBe("long: clipped 0 of 200000 steps (0.0%)");
  });
});
