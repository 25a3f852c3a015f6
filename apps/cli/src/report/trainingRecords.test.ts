import { describe, expect, it } from "vitest";
import type { MetricsRecord } from "../engine/metrics";
import { trainingRecords } from "./trainingRecords";

const base: MetricsRecord = { step: 10, interval: 10, loss: 0.5, accuracy: 0.75, gradNormBefore: 2, gradNormAfter: 1, threshold: 1, clipped: 3, nonFinite: 0, skipped: 0 };

describe("trainingRecords", () => {
  it("maps metrics records to the charts' records", () => {
    expect(trainingRecords([base])).toEqual([{ step: 10, loss: 0.5, accuracy: 0.75, gradNorm: 2, clipped: true, threshold: 1, nonFinite: false }]);
  });

  it("turns JSON's nulls back into NaN and leaves out a missing accuracy", () => {
    const failed: MetricsRecord = { ...base, step: 4, loss: null, accuracy: null, gradNormBefore: null, threshold: null, clipped: 0, nonFinite: 1 };
    const [r] = trainingRecords([failed]);
    expect(r).toEqual({ step: 4, loss: NaN, gradNorm: NaN, clipped: false, threshold: null, nonFinite: true });
    expect("accuracy" in r!).toBe(false);
  });
});
