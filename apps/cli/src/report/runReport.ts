// The report of `vanish report RUN_DIR…`: one run, or several side by side, drawn from their run directories.
import {
  accuracyChart,
  gradientHeatmapChart,
  gradientNormChart,
  spectralRadiusChart,
  trainingCurvesChart,
  type Series,
} from "@vanish/viz";
import type { MetricsRecord } from "../engine/metrics";
import { isLanguageModel } from "../engine/taskConfig";
import { bucketTable } from "./bucketTable";
import type { RunRecord } from "./explodingSentences";
import { gapSentence, measureGap } from "./gapSentence";
import type { LoadedRun } from "./readRun";
import { runLabels } from "./runLabels";
import { runSentence } from "./runSentence";
import { taskText, trainingSetup } from "./setupText";
import { trainingRecords } from "./trainingRecords";
import type { ReportContent, ReportFigure } from "./writeReport";

type Instrumented = MetricsRecord & { hiddenGradNorms: number[]; spectralRadius: number; instrumentedStep: number };

const instrumented = (run: LoadedRun): Instrumented[] => run.metrics.filter((m): m is Instrumented => m.hiddenGradNorms !== undefined);

/** Title, intro, figures and footer for one run or a comparison of several. */
export function runReport(runs: readonly LoadedRun[]): ReportContent {
  const labels = runLabels(runs);
  const keyed = runs.map((run, i) => ({ run, label: labels[i]!, cell: run.config.cell, ...(run.config.clip !== "none" && { strategy: run.config.clip }) }));
  const figures: ReportFigure[] = [];
  const regression = runs.every((r) => r.config.task.name === "adding");
  // Agreement's lm framing: loss per token, and the accuracy is verb agreement (Linzen et al. 2016).
  const lm = runs.every((r) => isLanguageModel(r.config.task));
  figures.push({
    name: "training",
    title: "Training curves",
    spec: trainingCurvesChart(
      keyed.map((k) => ({ label: k.label, cell: k.cell, ...(k.strategy && { strategy: k.strategy }), records: trainingRecords(k.run.metrics) })),
      { lossTitle: regression ? "MSE" : lm ? "training loss per token (nats)" : "training loss", logLoss: regression },
    ),
    caption: keyed.map((k) => runSentence(k.label, k.run)),
  });

  // ‖dL/dh_t‖ from the instrumented steps (runs trained with instrumentEvery > 0).
  const withNorms = keyed.filter((k) => instrumented(k.run).length > 0);
  if (withNorms.length > 0) {
    const series: Series[] = withNorms.flatMap((k) => {
      const recs = instrumented(k.run);
      const ends = recs.length === 1 ? [recs[0]!] : [recs[0]!, recs.at(-1)!];
      return ends.map((r) => ({ label: `${k.label}, step ${r.instrumentedStep}`, cell: k.cell, values: r.hiddenGradNorms }));
    });
    figures.push({
      name: "gradient-norms",
      title: "‖∂L/∂hₜ‖ per time step, first and last instrumented step",
      spec: gradientNormChart(series),
      caption: ["The total derivative of the batch loss with respect to the top layer's hidden state at each time step t (t = 1 is the first input), on the batch of that training step."],
    });
    for (const k of withNorms) {
      const recs = instrumented(k.run);
      const T = recs[0]!.hiddenGradNorms.length;
      if (recs.length > 1 && recs.every((r) => r.hiddenGradNorms.length === T)) {
        figures.push({
          name: `gradient-heatmap-${figures.length}`,
          title: `‖∂L/∂hₜ‖ over training: ${k.label}`,
          spec: gradientHeatmapChart({ norms: recs.map((r) => r.hiddenGradNorms), trainingSteps: recs.map((r) => r.instrumentedStep) }),
          caption: [],
        });
      }
    }
    figures.push({
      name: "spectral-radius",
      title: "Spectral radius of W_hh over training",
      spec: spectralRadiusChart(withNorms.map((k) => ({ label: k.label, cell: k.cell, values: instrumented(k.run).map((r) => r.spectralRadius), steps: instrumented(k.run).map((r) => r.instrumentedStep) }))),
      caption: [],
    });
  }

  // Accuracy per bucket, for agreement runs that finished.
  const agreement = keyed.filter((k) => k.run.summary?.evaluation?.byDistance !== undefined);
  if (agreement.length > 0) {
    const models = agreement.map((k) => ({ label: k.label, cell: k.cell, runs: [{ summary: k.run.summary!, metrics: k.run.metrics } satisfies RunRecord] }));
    for (const by of ["distance", "attractors"] as const) {
      const table = bucketTable(models, by);
      figures.push({
        name: `accuracy-${by}`,
        title: `${lm ? "Verb agreement accuracy" : "Accuracy"} against ${by}`,
        spec: accuracyChart(table.rows, { by, chance: 0.5, ...(by === "distance" && { logX: true }), ...(lm && { title: `Verb agreement accuracy against ${by}` }) }),
        caption: table.models.length >= 2 ? [gapSentence(measureGap(table.models, { by }), { by })] : [],
      });
    }
  }
  const first = runs[0]!;
  return {
    title: runs.length === 1 ? `Run ${first.name}: ${labels[0]} on ${taskText(first.config)}` : `${runs.length} runs compared`,
    intro: [
      ...keyed.map((k) => `${k.label} (${k.run.dir}): ${taskText(k.run.config)}; ${trainingSetup(k.run.config)}, seed ${k.run.config.seed}.`),
    ],
    figures,
    footer: "Drawn by vanish report from each run's config.json, metrics.jsonl and summary.json.",
  };
}
