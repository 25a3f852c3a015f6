import { isLanguageModel } from "../engine/taskConfig";
import type { LoadedRun } from "./readRun";
import { formatCount, formatNumber, formatPercent } from "./format";

/** One run's outcome in a sentence: finished or failed (and where), final loss, the evaluation against its baseline. */
export function runSentence(label: string, run: LoadedRun): string {
  const s = run.summary;
  const last = run.metrics.at(-1);
  if (s === null) {
    return `${label}: unfinished — ${formatCount(last?.step ?? 0)} of ${formatCount(run.config.steps)} steps logged, last training loss ${formatNumber(last?.loss ?? NaN)}.`;
  }
  if (s.status === "failed") {
    return `${label}: failed at step ${s.failure!.step} (non-finite loss or gradient, "${run.config.nonFinite}" policy).`;
  }
  const e = s.evaluation!;
  // Agreement's lm framing: next-token loss per token; accuracy = the right verb form scored above the wrong one.
  const lm = isLanguageModel(run.config.task);
  const clipped = run.config.clip === "none" ? "" : `, ${formatPercent(s.clippedSteps / s.steps)} of steps clipped`;
  const score =
    e.accuracy === null
      ? `evaluation ${e.baseline.metric === "mse" ? "MSE" : "loss"} ${formatNumber(e.loss)} (${e.baseline.predictor}: ${formatNumber(e.baseline.value)})`
      : `evaluation ${lm ? "verb agreement accuracy" : "accuracy"} ${formatPercent(e.accuracy)} (${e.baseline.predictor}: ${formatPercent(1 - e.baseline.value)})`;
  const perToken = lm ? ` per token` : "";
  return `${label}: ${formatCount(s.steps)} steps, final training loss${perToken} ${formatNumber(s.finalLoss ?? NaN)}${clipped}; ${score}${lm ? `, loss per token ${formatNumber(e.loss)}` : ""} on ${formatCount(e.count)} held-out sequences.`;
}
