import type { TrainingRecord } from "@vanish/viz";
import type { MetricsRecord } from "../engine/metrics";

/**
 * The records of `metrics.jsonl` in @vanish/viz's shape. JSON stores a non-finite number as null; here it becomes
 * NaN again, which the charts draw as a gap with a ×. An interval counts as clipped (or non-finite) when any of its
 * steps was.
 */
export function trainingRecords(metrics: readonly MetricsRecord[]): TrainingRecord[] {
  return metrics.map((m) => ({
    step: m.step,
    loss: m.loss ?? NaN,
    ...(m.accuracy !== null && { accuracy: m.accuracy }),
    gradNorm: m.gradNormBefore ?? NaN,
    clipped: m.clipped > 0,
    threshold: m.threshold,
    nonFinite: m.nonFinite > 0,
  }));
}
