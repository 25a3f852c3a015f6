// The exploding-gradient findings in words, from the runs' summaries and metrics: where the unclipped run became
// non-finite, how the clipped one trained, and how the clipping strategies compare on the same run.
import type { MetricsRecord } from "../engine/metrics";
import type { RunSummary } from "../engine/summary";
import { formatNumber, formatPercent, listText } from "./format";
import { formatMeanStd } from "./stats";
import { strategyLabel, zclipWarmup } from "./strategyLabel";

/** One run as the report reads it back. */
export interface RunRecord {
  readonly summary: RunSummary;
  readonly metrics: readonly MetricsRecord[];
}

/** The largest finite gradient norm (before clipping) of a run and the step it was logged at. */
export function peakGradient(metrics: readonly MetricsRecord[]): { norm: number; step: number } | null {
  let peak: { norm: number; step: number } | null = null;
  for (const m of metrics) {
    if (m.gradNormBefore !== null && (peak === null || m.gradNormBefore > peak.norm)) peak = { norm: m.gradNormBefore, step: m.step };
  }
  return peak;
}

/** What became non-finite at the failure: the loss (its record has no finite loss) or else the gradient. */
function failedQuantity(run: RunRecord): string {
  const last = run.metrics.at(-1);
  return last !== undefined && last.loss === null ? "loss" : "gradient norm";
}

function metricName(run: RunRecord): string {
  const metric = run.summary.evaluation?.baseline.metric;
  return metric === "mse" ? "MSE" : "loss";
}

function steps(values: readonly number[]): string {
  return values.length === 1 ? `step ${values[0]}` : `steps ${listText(values.map(String))}`;
}

function seedsNote(runs: readonly RunRecord[]): string {
  return runs.length === 1 ? "" : ` (${runs.length} seeds)`;
}

/**
 * "Without clipping, the loss became non-finite at step 4 …; with global norm ≤ 1, the same run trained all 600
 * steps …". `unclipped` and `clipped` hold one run per seed, in the same seed order.
 */
export function divergenceSentence(unclipped: readonly RunRecord[], clipped: readonly RunRecord[]): string {
  const parts: string[] = [];
  const failed = unclipped.filter((r) => r.summary.status === "failed");
  const policy = unclipped[0]!.summary.config.nonFinite;
  if (failed.length === unclipped.length) {
    const peaks = failed.map((r) => peakGradient(r.metrics));
    const peakText = peaks.every((p) => p !== null)
      ? `; the largest finite gradient norm before it was ${listText(peaks.map((p) => `${formatNumber(p!.norm)} at step ${p!.step}`))}`
      : "";
    parts.push(
      `Without clipping, the ${failedQuantity(failed[0]!)} became non-finite at ${steps(failed.map((r) => r.summary.failure!.step))}${seedsNote(failed)}` +
        `${peakText}; the "${policy}" policy stopped the run there and recorded the step.`,
    );
  } else if (failed.length === 0) {
    const peaks = unclipped.map((r) => peakGradient(r.metrics)?.norm ?? NaN);
    parts.push(
      `Without clipping, the run stayed finite for all ${unclipped[0]!.summary.steps} steps${seedsNote(unclipped)} ` +
        `(largest gradient norm ${formatMeanStd(peaks)}): it did not explode in this setup.`,
    );
  } else {
    parts.push(
      `Without clipping, ${failed.length} of ${unclipped.length} seeds became non-finite (at ${steps(failed.map((r) => r.summary.failure!.step))}); the others stayed finite.`,
    );
  }
  const spec = clipped[0]!.summary.config.clip;
  const done = clipped.filter((r) => r.summary.status === "completed");
  if (done.length === clipped.length) {
    const first = done.map((r) => r.metrics[0]?.loss ?? NaN);
    const final = done.map((r) => r.summary.evaluation!.loss);
    const fraction = done.map((r) => r.summary.clippedSteps / r.summary.steps);
    const baseline = done[0]!.summary.evaluation!.baseline;
    parts.push(
      `With ${strategyLabel(spec)}, the same run (same seed, initial weights, data and learning rate) trained all ` +
        `${done[0]!.summary.steps} steps${seedsNote(done)}, clipping ${formatMeanStd(fraction, formatPercent)} of them: its ` +
        `training ${metricName(done[0]!)} went from ${formatMeanStd(first)} at the first step to an evaluation ${metricName(done[0]!)} of ` +
        `${formatMeanStd(final)} (${baseline.predictor}: ${formatNumber(baseline.value)}).`,
    );
  } else {
    const bad = clipped.filter((r) => r.summary.status === "failed");
    parts.push(`With ${strategyLabel(spec)}, the run still became non-finite at ${steps(bad.map((r) => r.summary.failure!.step))}.`);
  }
  return parts.join(" ");
}

/** One clause per strategy: its evaluation metric and fraction of clipped steps, or where it became non-finite. */
export function strategySentence(byStrategy: readonly (readonly RunRecord[])[]): string {
  const clauses: string[] = [];
  let best: { label: string; value: number } | null = null;
  for (const runs of byStrategy) {
    const spec = runs[0]!.summary.config.clip;
    const label = strategyLabel(spec);
    const failed = runs.filter((r) => r.summary.status === "failed");
    if (failed.length > 0) {
      const at = failed.map((r) => r.summary.failure!.step);
      const warmup = zclipWarmup(spec);
      const note = warmup !== null && at.every((s) => s <= warmup) ? `, inside its ${warmup}-step warm-up, when it only observes the norm` : "";
      clauses.push(`${label} became non-finite at ${steps(at)}${note}${failed.length < runs.length ? ` (${failed.length} of ${runs.length} seeds)` : ""}`);
      continue;
    }
    const values = runs.map((r) => r.summary.evaluation!.loss);
    const fraction = runs.map((r) => r.summary.clippedSteps / r.summary.steps);
    clauses.push(`${label} reached an evaluation ${metricName(runs[0]!)} of ${formatMeanStd(values)} with ${formatMeanStd(fraction, formatPercent)} of steps clipped`);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (best === null || mean < best.value) best = { label, value: mean };
  }
  const ranking = best === null ? " No strategy completed the run." : ` The lowest is ${best.label}'s.`;
  return `On the same run, ${listText(clauses)}.${ranking}`;
}
