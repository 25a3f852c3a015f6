// The report of `vanish demo`: every chart and sentence built from the demo's measured results.
import { accuracyChart, cliffChart, gradientNormChart, trainingCurvesChart, type Series, type TrainingRun } from "@vanish/viz";
import type { CellType } from "@vanish/rnn";
import { CELL_LABELS, DEMO_CELLS, DEMO_STRATEGIES, type DemoGroup } from "../experiments/demoPlan";
import type { DemoResults, DemoRun } from "../experiments/runDemo";
import { addingSentence } from "./addingSentence";
import { bucketTable } from "./bucketTable";
import { cliffSentence } from "./cliffSentence";
import { withErrorBars } from "./errorBars";
import { divergenceSentence, strategySentence } from "./explodingSentences";
import { formatCount, formatNumber } from "./format";
import { gapSentence, measureGap } from "./gapSentence";
import { strategyLabel } from "./strategyLabel";
import { taskText, trainingSetup } from "./setupText";
import { trainingRecords } from "./trainingRecords";
import { probeHorizon, vanishingSentence, type CellProbe } from "./vanishingSentence";
import type { ReportContent, ReportFigure } from "./writeReport";

/** The runs of one group and cell (or clipping spec), one per seed in seed order. */
function runsOf(results: DemoResults, group: DemoGroup, which: string): DemoRun[] {
  return results.runs.filter((r) => r.job.group === group && (group === "exploding" ? r.job.clip : r.job.cell) === which);
}

function seedText(seeds: readonly number[]): string {
  return seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds.join(", ")} (charts show the mean, error bars ± one standard deviation)`;
}

/** The training curves of the first seed of each model, up to step `until` (default: all). */
function curves(runs: readonly { label: string; cell?: CellType; strategy?: string; run: DemoRun }[], until = Infinity): TrainingRun[] {
  return runs.map(({ label, cell, strategy, run }) => ({
    label,
    ...(cell && { cell }),
    ...(strategy && { strategy }),
    records: trainingRecords(run.metrics.filter((m) => m.step <= until)),
  }));
}

/** Steps the divergence chart shows: enough to see the blow-up and the clipped run settle. */
const DIVERGENCE_STEPS = 50;

function vanishingFigures(results: DemoResults): ReportFigure[] {
  const seed = results.plan.seeds[0]!;
  const probes: CellProbe[] = DEMO_CELLS.map((cell) => {
    const p = results.probes.find((q) => q.job.cell === cell && q.job.seed === seed)!;
    return { label: CELL_LABELS[cell], init: p.init, trained: p.trained };
  });
  const K = Math.max(probeHorizon(probes), 1);
  const series: Series[] = DEMO_CELLS.flatMap((cell, i) =>
    (["init", "trained"] as const).map((when) => {
      const values = probes[i]![when].values.slice(0, K + 1).reverse();
      return { label: `${CELL_LABELS[cell]}, ${when === "init" ? "initialisation" : "trained"}`, cell, values, steps: values.map((_, j) => j - K) };
    }),
  );
  const models = DEMO_CELLS.map((cell) => ({ label: CELL_LABELS[cell], cell, runs: runsOf(results, "agreement", cell) }));
  const first = models[0]!.runs[0]!;
  const setup = `Task: ${taskText(first.job.config)}. Every cell: ${trainingSetup(first.job.config)}; ${seedText(results.plan.seeds)}.`;
  const distance = bucketTable(models, "distance");
  const attractors = bucketTable(models, "attractors");
  const perBucket = first.summary.evaluation?.byDistance?.[0]?.count ?? 0;
  const figures: ReportFigure[] = [
    {
      name: "gradient-norms",
      title: "Vanishing: ‖∂L/∂h‖ back from the read-out, before and after training",
      spec: gradientNormChart(series, { title: "‖∂L/∂hₜ‖ counted back from the verb (t = 0: the last word read)" }),
      caption: [
        vanishingSentence(probes),
        `Measured on one fixed batch of ${formatCount(probes[0]!.init.counts[0]!)} test sentences (seed ${seed}): t = 0 is the last word before the verb, where the number is predicted; t = −k is k words earlier. Solid: the initial weights; dashed: after training.`,
      ],
    },
  ];
  if (distance.rows.length > 0) {
    figures.push({
      name: "accuracy-distance",
      title: "Accuracy against distance on the agreement task, same budget for every cell",
      spec: withErrorBars(accuracyChart(distance.rows, { by: "distance", chance: 0.5 }), distance.bars),
      caption: [gapSentence(measureGap(distance.models, { by: "distance" }), { by: "distance" }), `${setup} Tested on ${formatCount(perBucket)} sentences per bucket and seed, none of them seen in training.`],
    });
    figures.push({
      name: "accuracy-attractors",
      title: "Accuracy against attractors",
      spec: withErrorBars(accuracyChart(attractors.rows, { by: "attractors", chance: 0.5 }), attractors.bars),
      caption: [gapSentence(measureGap(attractors.models, { by: "attractors" }), { by: "attractors" })],
    });
  }
  const control = DEMO_CELLS.map((cell) => ({ label: CELL_LABELS[cell], cell, runs: runsOf(results, "control", cell) }));
  const controlTable = bucketTable(control, "distance");
  if (controlTable.rows.length > 0) {
    figures.push({
      name: "control-distance",
      title: "Control: the same budget when the subject is always the first noun",
      spec: withErrorBars(accuracyChart(controlTable.rows, { by: "distance", chance: 0.5, title: "Control: accuracy against distance, subject first" }), controlTable.bars),
      caption: [
        gapSentence(measureGap(controlTable.models, { by: "distance" }), { by: "distance" }),
        `Task: ${taskText(control[0]!.runs[0]!.job.config)}. The subject opens every sentence, so the number of the first noun decides the answer; ` +
          `a tanh RNN can learn to hold that one bit (docs/tasks.md#trap warns that such a task may not show the problem at all). Same cells and training as above: ` +
          `the difference from the previous chart is what the subject's varying position and the nested clause cost each cell.`,
      ],
    });
  }
  figures.push({
    name: "agreement-training",
    title: "Training on the agreement task",
    spec: trainingCurvesChart(curves(models.map((m) => ({ label: m.label, cell: m.cell, run: m.runs[0]! }))), { lossTitle: "cross-entropy (nats)" }),
    caption: [`Training loss, accuracy and gradient norm per logging interval (seed ${seed}). ${setup}`],
  });
  const adding = DEMO_CELLS.map((cell) => ({ label: CELL_LABELS[cell], cell, runs: runsOf(results, "adding", cell) }));
  const addingFirst = adding[0]!.runs[0]!;
  figures.push({
    name: "adding",
    title: "The adding problem (Hochreiter & Schmidhuber 1997), at the same budget for every cell",
    spec: trainingCurvesChart(curves(adding.map((m) => ({ label: m.label, cell: m.cell, run: m.runs[0]! }))), { lossTitle: "MSE", logLoss: true }),
    caption: [addingSentence(adding), `Task: ${taskText(addingFirst.job.config)}. Every cell: ${trainingSetup(addingFirst.job.config)}.`],
  });
  return figures;
}

function explodingFigures(results: DemoResults): ReportFigure[] {
  const byStrategy = DEMO_STRATEGIES.map((spec) => runsOf(results, "exploding", spec));
  const [unclipped, clipped] = [byStrategy[0]!, byStrategy[1]!];
  const setup = `Task: ${taskText(unclipped[0]!.job.config)}; a relu RNN, ${trainingSetup(unclipped[0]!.job.config)}, the "${unclipped[0]!.job.config.nonFinite}" policy for non-finite values; ${seedText(results.plan.seeds.slice(0, 1))} in the charts.`;
  const label = (spec: string) => strategyLabel(spec);
  return [
    {
      name: "exploding",
      title: "Exploding: the same run without and with global-norm clipping",
      spec: trainingCurvesChart(
        curves([unclipped[0]!, clipped[0]!].map((run) => ({ label: label(run.job.clip), strategy: run.job.clip, run })), DIVERGENCE_STEPS),
        { lossTitle: "MSE (log scale)", logLoss: true, title: `The first ${DIVERGENCE_STEPS} steps: loss and gradient norm` },
      ),
      caption: [divergenceSentence(unclipped, clipped), `The chart shows the first ${DIVERGENCE_STEPS} steps (the next one shows all of them). ${setup}`],
    },
    {
      name: "clipping-strategies",
      title: "Clipping strategies on the same run",
      spec: trainingCurvesChart(
        curves(byStrategy.map((runs) => ({ label: label(runs[0]!.job.clip), strategy: runs[0]!.job.clip, run: runs[0]! }))),
        { lossTitle: "MSE (log scale)", logLoss: true, title: "Every strategy on the same run: loss and gradient norm" },
      ),
      caption: [strategySentence(byStrategy), `The fraction clipped counts the updates a strategy changed. ${setup}`],
    },
  ];
}

function cliffFigure(results: DemoResults): ReportFigure {
  const r = results.cliff;
  return {
    name: "cliff",
    title: "The cliff (Pascanu, Mikolov & Bengio 2013, Fig. 6)",
    spec: cliffChart(r.grid, [
      { label: "plain SGD", strategy: "none", w: r.plain.w, b: r.plain.b },
      { label: `clipped SGD (‖g‖ ≤ ${formatNumber(r.maxNorm)})`, strategy: `norm:${r.maxNorm}`, w: r.clipped.w, b: r.clipped.b },
    ]),
    caption: [
      cliffSentence(r),
      `The one-unit network x_t = w·σ(x_{t−1}) + b, x_0 = 0.5, error E = (σ(x_50) − 0.7)², on a ${r.grid.w.length} × ${r.grid.b.length} grid; gradients in closed form (checked against central differences in the tests).`,
    ],
  };
}

/** Title, intro (the key findings first), figures and footer of the demo's report. */
export function demoReport(results: DemoResults): ReportContent {
  const vanishing = vanishingFigures(results);
  const exploding = explodingFigures(results);
  const cliff = cliffFigure(results);
  const findings = ["accuracy-distance", "control-distance"].flatMap((name) => vanishing.filter((f) => f.name === name).map((f) => f.caption[0]!));
  findings.push(exploding[0]!.caption[0]!, cliff.caption[0]!);
  const runs = results.runs.length;
  const reused = results.runs.filter((r) => r.outcome === "skipped").length;
  const reuse = reused === 0 ? "" : ` (${reused} of them finished by an earlier invocation into the same folder and read back from runs/)`;
  return {
    title: "Vanishing and exploding gradients in recurrent networks",
    intro: [
      `Every number and sentence in this report was computed by this run of vanish demo (size "${results.plan.size}", ` +
        `${seedText(results.plan.seeds)}): ${runs} training runs${reuse} on ${results.workers === 0 ? "the main thread" : `${results.workers} worker threads`}, ` +
        `${formatNumber(results.seconds)} s. Every run is seeded, so rerunning it gives the same numbers.`,
      ...findings,
    ],
    figures: [...vanishing, ...exploding, cliff].map((f, i) => ({ ...f, title: `${i + 1}. ${f.title}` })),
    footer:
      "Each training run lives in runs/<config hash>/ beside this file (config.json, metrics.jsonl, checkpoint.json, summary.json); " +
      "vanish report runs/<hash> … draws any of them again, alone or side by side.",
  };
}
