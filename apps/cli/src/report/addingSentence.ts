import type { RunRecord } from "./explodingSentences";
import { formatCount, formatPercent, listText, formatNumber } from "./format";
import { formatMeanStd } from "./stats";

/** One cell's adding-problem runs (one per seed). */
export interface CellRuns {
  readonly label: string;
  readonly runs: readonly RunRecord[];
}

/**
 * "On the adding problem (T = 25, 1,500 steps for every cell), the evaluation MSE is 0.133 for the RNN, …; predicting
 * constant 1 gives 0.167." Also gives each cell's share of the baseline's error removed, 1 − MSE/baseline.
 */
export function addingSentence(cells: readonly CellRuns[]): string {
  const first = cells[0]!.runs[0]!.summary;
  const task = first.config.task;
  const length = task.name === "adding" ? task.knobs.length : NaN;
  const baseline = first.evaluation!.baseline;
  const mse = cells.map((c) => c.runs.map((r) => r.summary.evaluation?.loss ?? NaN));
  const removed = mse.map((values) => values.map((v) => 1 - v / baseline.value));
  const seeds = cells[0]!.runs.length;
  return (
    `On the adding problem (T = ${length}, ${formatCount(first.steps)} steps for every cell${seeds > 1 ? `, ${seeds} seeds` : ""}), ` +
    `the evaluation MSE is ${listText(cells.map((c, i) => `${formatMeanStd(mse[i]!)} for the ${c.label}`))}; ` +
    `predicting ${baseline.predictor.replace(/^constant /, "")} for every sequence gives ${formatNumber(baseline.value)}. ` +
    `Share of that baseline error removed: ${listText(cells.map((c, i) => `${formatMeanStd(removed[i]!, formatPercent)} (${c.label})`))}.`
  );
}
