import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../config/labConfig";
import type { Instruments, StepRecord } from "../training/trainer";
import { exportJson, RunLog } from "./RunLog";

const record = (step: number, over: Partial<StepRecord> = {}): StepRecord => ({
  step,
  loss: 1 / step,
  gradNorm: 2,
  clipped: step % 2 === 0,
  threshold: 1,
  nonFinite: false,
  skipped: false,
  ...over,
});
const instruments = (step: number): Instruments => ({ step, hiddenGradNorms: [0.1, 1], spectralRadius: [{ gate: "h", value: 0.9 }] });

describe("RunLog", () => {
  it("collects records and instruments, remembering the first instrumented step", () => {
    const log = new RunLog();
    log.reset(DEFAULT_CONFIG);
    log.add([record(1), record(2)], [instruments(1)]);
    log.add([record(3)], [instruments(3)]);
    expect(log.step).toBe(3);
    expect(log.first?.step).toBe(1);
    expect(log.instruments.items().map((i) => i.step)).toEqual([1, 3]);
    expect(log.clippedFraction()).toBeCloseTo(1 / 3, 12);
    expect(log.chartData()).toEqual({ config: DEFAULT_CONFIG, curve: log.records, rows: log.instruments.items(), first: log.first, evaluations: [] });
    log.reset({ ...DEFAULT_CONFIG, seed: 2 });
    expect([log.step, log.records.length, log.first, log.instruments.count]).toEqual([0, 0, null, 0]);
  });

  it("keeps every evaluation, and gives the charts the first and the latest", () => {
    const log = new RunLog();
    log.reset({ ...DEFAULT_CONFIG, framing: "lm" });
    const ev = (step: number, accuracy: number) => ({ step, buckets: [{ distance: [1, 1] as [number, number], accuracy, count: 8 }] });
    log.add([], [], [ev(0, 0.5)]);
    expect(log.chartData().evaluations).toEqual([ev(0, 0.5)]);
    log.add([record(1)], [], [ev(50, 0.6)]);
    log.add([record(2)], [], [ev(100, 0.9)]);
    expect(log.evaluations.map((e) => e.step)).toEqual([0, 50, 100]);
    expect(log.chartData().evaluations).toEqual([ev(0, 0.5), ev(100, 0.9)]);
    expect(log.toExport("u", "js", new Date(0)).evaluations).toHaveLength(3);
    log.reset(DEFAULT_CONFIG);
    expect(log.evaluations).toEqual([]);
  });

  it("thins the curve to about `max` points, keeping the first, the last and every non-finite step", () => {
    const log = new RunLog();
    log.reset(DEFAULT_CONFIG);
    log.add(Array.from({ length: 1000 }, (_, i) => record(i + 1, { nonFinite: i === 501 })), []);
    const curve = log.curve(100);
    expect(curve.length).toBeLessThanOrEqual(102);
    expect(curve[0].step).toBe(1);
    expect(curve[curve.length - 1].step).toBe(1000);
    expect(curve.some((r) => r.step === 502)).toBe(true);
  });

  it("exports every step as JSON, with NaN and ±Infinity spelled out", () => {
    const log = new RunLog();
    expect(() => log.toExport("u", "js", new Date(0))).toThrow("RunLog.toExport: there is no run to export yet");
    log.reset(DEFAULT_CONFIG);
    log.add([record(1), record(2, { loss: NaN, gradNorm: Infinity, nonFinite: true })], [instruments(1)]);
    log.addNonFinite({ step: 2, where: "loss", loss: NaN, gradNorm: Infinity, tensors: [{ name: "weight_hh_l0", nan: 4, inf: 0 }], action: "stopped" });
    const doc = log.toExport("http://127.0.0.1/?seed=1", "wasm", new Date(Date.UTC(2026, 0, 2)));
    expect(doc).toMatchObject({ format: "vanish-lab-run", version: 1, exportedAt: "2026-01-02T00:00:00.000Z", backend: "wasm", steps: 2 });
    const back = JSON.parse(exportJson(doc));
    expect(back.records[1]).toMatchObject({ step: 2, loss: "NaN", gradNorm: "Infinity", nonFinite: true });
    expect(back.nonFinite[0].loss).toBe("NaN");
    expect(back.config).toEqual(DEFAULT_CONFIG);
    expect(back.instruments).toEqual([instruments(1)]);
  });
});
