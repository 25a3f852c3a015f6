import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type LabConfig } from "../config/labConfig";
import { RunLog } from "../state/RunLog";
import { Trainer } from "../training/trainer";
import { bucketPosition, CHART_IDS, chartCaption, chartIds, heatmapColumns, labChart, runLabel, windowCaption } from "./labCharts";

function logOf(config: LabConfig, steps: number): RunLog {
  const t = new Trainer(config);
  const log = new RunLog();
  log.reset(config);
  for (let i = 0; i < steps; i++) {
    const r = t.trainStep(i % 2 === 0);
    log.add([r.record], r.instruments ? [r.instruments] : []);
  }
  return log;
}

const size = { width: 400, height: 200 };

describe("labChart: accuracy by distance (lm framing)", () => {
  const lm: LabConfig = { ...DEFAULT_CONFIG, framing: "lm", distance: 12, cell: "rnn_tanh", hiddenSize: 8, batchSize: 4 };

  it("is drawn for the lm framing only", () => {
    expect(chartIds(lm)).toEqual(["curves", "norms", "heatmap", "spectrum", "accuracy"]);
    expect(chartIds(DEFAULT_CONFIG)).toEqual(["curves", "norms", "heatmap", "spectrum"]);
    expect(chartIds({ ...lm, task: "adding" })).not.toContain("accuracy");
  });

  it("draws the first and the latest evaluation on a log distance axis, buckets at their geometric middle", () => {
    const t = new Trainer(lm);
    const log = new RunLog();
    log.reset(lm);
    log.add([], [], [t.evaluate()!]);
    for (let i = 0; i < 3; i++) log.add([t.trainStep().record], [], [t.evaluate()!]);
    const spec = labChart("accuracy", log.chartData(), size);
    const text = JSON.stringify(spec);
    expect(text).toContain('"step 0"');
    expect(text).toContain('"step 3"');
    expect(text).not.toContain('"step 2"');
    expect(text).toContain('"type":"log"');
    expect(text).toContain("chance 50%");
    expect(bucketPosition([3, 4])).toBeCloseTo(Math.sqrt(12), 12);
    expect(text).toContain(String(Math.sqrt(12)));
    expect(windowCaption(lm)).toBe("t = 1 is the subject's noun, t = 12 the last word before the verb; the gradient of the verb's loss alone, on 4 fixed sentences at distance 12");
  });
});

describe("labChart", () => {
  it("builds every chart from a short run, with its caption", () => {
    const log = logOf({ ...DEFAULT_CONFIG, distance: 5, cell: "lstm", hiddenSize: 8, batchSize: 4 }, 5);
    for (const id of CHART_IDS) {
      const spec = labChart(id, log.chartData(), size);
      expect(typeof spec.description).toBe("string");
      expect(JSON.stringify(spec)).toContain("$schema");
    }
  });

  it("draws ‖dL/dh_t‖ of the first and the latest instrumented step over the window", () => {
    const log = logOf({ ...DEFAULT_CONFIG, distance: 5, cell: "rnn_tanh", hiddenSize: 8, batchSize: 4 }, 5);
    const text = JSON.stringify(labChart("norms", log.chartData(), size));
    expect(text).toContain("step 1");
    expect(text).toContain("step 5");
    expect(chartCaption("norms", log.chartData(), labChart("norms", log.chartData(), size))).toMatch(
      /^Time steps: t = 1 is the subject's noun, t = 5 the last word before the verb\. The size of the loss gradient/,
    );
  });

  it("shows one spectral-radius line per gate block", () => {
    const log = logOf({ ...DEFAULT_CONFIG, distance: 3, cell: "gru", hiddenSize: 4, batchSize: 2 }, 3);
    const text = JSON.stringify(labChart("spectrum", log.chartData(), size));
    for (const gate of ["ρ(W_hr)", "ρ(W_hz)", "ρ(W_hn)"]) expect(text).toContain(gate);
  });

  it("names runs and windows in words", () => {
    expect(runLabel({ ...DEFAULT_CONFIG, cell: "rnn_relu", clip: "none" })).toBe("RNN relu, no clipping");
    expect(runLabel({ ...DEFAULT_CONFIG, cell: "lstm", clip: "norm", threshold: 1 })).toBe("LSTM, clip norm:1");
    expect(windowCaption({ ...DEFAULT_CONFIG, task: "adding", length: 30 })).toBe("t = 1 … 30, the whole sequence");
  });
});

describe("heatmapColumns", () => {
  it("keeps every step of a short window and evenly spaced ones ending at the read-out of a long one", () => {
    expect(heatmapColumns(5)).toEqual([1, 2, 3, 4, 5]);
    expect(heatmapColumns(10, 4)).toEqual([1, 4, 7, 10]);
    expect(heatmapColumns(10, 3)).toEqual([2, 6, 10]);
    const long = heatmapColumns(120);
    expect(long).toHaveLength(60);
    expect(long[long.length - 1]).toBe(120);
  });
});
