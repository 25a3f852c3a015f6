// The report of `vanish demo`: every chart and sentence built from the demo's measured results.
import { accuracyChart, cliffChart, gradientNormChart, trainingCurvesChart, type Series, type TrainingRun } from "@vanish/viz";
import type { CellType } from "@vanish/rnn";
import { CELL_LABELS, DEMO_CELLS, DEMO_STRATEGIES, type DemoGroup } from "../experiments/demoPlan";
import type { DemoResults, DemoRun } from "../experiments/runDemo";
import { addingSentence } from "./addingSentence";
import { bucketTable } from "./bucketTable";
import { cliffSentence } from "./cliffSentence";
import { divergenceSentence, strategySentence } from "./explodingSentences";
import { formatCount, formatNumber, formatPercent, listText } from "./format";
import { reachOf, reachSentence } from "./reach";
import { agreementRun, meanByDistance } from "../experiments/demoJson";
import { AUDIT_MIN_DISTANCE } from "../experiments/demoShortcuts";
import type { ShortcutScore } from "@vanish/datasets";
import { gapSentence, measureGap } from "./gapSentence";
import { sentenceFigure } from "./sentenceFigure";
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
  return seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds.join(", ")} (charts show the mean over seeds, the shaded band the lowest and the highest seed)`;
}

/** How the shortcut strategies are named in the report. */
const SHORTCUT_NAMES: Readonly<Record<string, string>> = {
  firstWord: "the first word",
  lastNoun: "the last noun before the verb",
  nounMajority: "the majority number of the other nouns",
  nounCounts: "the counts of singular and plural nouns",
  position: "the positions of subject and verb",
  bigramBeforeVerb: "the two words before the verb",
  majorityLabel: "always the more frequent number",
};

/** "No memory-free shortcut beats 52.1% …": the audit of the test sentences, in words. */
export function shortcutSentence(scores: readonly ShortcutScore[]): string {
  if (scores.length === 0) return "";
  const best = scores.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const list = scores.map((s) => `${SHORTCUT_NAMES[s.name] ?? s.name} ${formatPercent(s.accuracy)}`);
  return (
    `No memory-free shortcut does better than ${formatPercent(best.accuracy)} on the ${formatCount(best.count)} test sentences whose subject is at least ${AUDIT_MIN_DISTANCE} words from its verb ` +
    `(guessing from ${listText(list)}; each fitted on other sentences of the task), so a model above that there carried the subject's number.`
  );
}

/** Each model's reach (as demo.json's): its accuracy per distance bucket averaged over seeds, read against the bar. */
function reaches(models: readonly { label: string; runs: readonly DemoRun[] }[]): { label: string; reach: number | null; last: number }[] {
  return models.map((m) => {
    const buckets = meanByDistance(m.runs.map(agreementRun));
    return { label: m.label, reach: reachOf(buckets), last: buckets.at(-1)?.hi ?? 0 };
  });
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
  figures.push(sentenceFigure(results));
  if (distance.rows.length > 0) {
    const reach = reaches(models);
    const fb = models.find((m) => m.cell === "lstm")?.runs[0]?.job.config.forgetBias;
    const clip = first.job.config.clip;
    figures.push({
      name: "accuracy-distance",
      title: "Verb agreement against distance: how far each cell carries the subject's number",
      spec: accuracyChart(distance.rows, { by: "distance", chance: 0.5, logX: true, bands: distance.bands, title: "Verb agreement accuracy against distance (log scale)" }),
      caption: [
        reachSentence(reach, reach[0]?.last ?? 0),
        gapSentence(measureGap(distance.models, { by: "distance" }), { by: "distance" }),
        `${setup} Tested on ${formatCount(perBucket)} sentences per bucket and seed, none of them seen in training.` +
          (clip !== "none" ? ` Every cell trains with ${strategyLabel(clip)}, so that a single gradient spike (an exploding gradient) cannot throw a learning model back to chance and blur the vanishing comparison.` : "") +
          (fb !== null && fb !== undefined ? ` The LSTM's forget gates start open (bias ${formatNumber(fb)}, Jozefowicz et al. 2015), so its cell state starts out carrying information.` : ""),
        shortcutSentence(results.shortcuts),
      ].filter((c) => c !== ""),
    });
    figures.push({
      name: "accuracy-attractors",
      title: "Verb agreement against attractors",
      spec: accuracyChart(attractors.rows, { by: "attractors", chance: 0.5, bands: attractors.bands }),
      caption: [gapSentence(measureGap(attractors.models, { by: "attractors" }), { by: "attractors" })],
    });
  }
  const control = DEMO_CELLS.map((cell) => ({ label: CELL_LABELS[cell], cell, runs: runsOf(results, "control", cell) }));
  const controlTable = bucketTable(control, "distance");
  if (controlTable.rows.length > 0) {
    figures.push({
      name: "control-distance",
      title: "Control: the same sentences, but only the number to predict",
      spec: accuracyChart(controlTable.rows, { by: "distance", chance: 0.5, logX: true, bands: controlTable.bands, title: "Control: number prediction against distance (log scale)" }),
      caption: [
        `Control, the same sentences with only the number to predict: ${gapSentence(measureGap(controlTable.models, { by: "distance" }), { by: "distance" })}`,
        `Task: ${taskText(control[0]!.runs[0]!.job.config)}. The network reads the words up to the verb and answers one bit, singular or plural; nothing else competes for its state. ` +
          `Same cells, sentences and training as above. A single bit is something a tanh RNN can learn to latch (docs/tasks.md#trap calls such a task a trap for demonstrations); ` +
          `the difference from the previous chart is what predicting every word, as a language model does, costs each cell.`,
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
