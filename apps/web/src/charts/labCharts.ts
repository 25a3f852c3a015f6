// The lab's four charts as @vanish/viz specs, built from the run log. Pure: no DOM, so the tests build them in Node.
import {
  accuracyChart,
  gradientHeatmapChart,
  gradientNormChart,
  spectralRadiusChart,
  trainingCurvesChart,
  type Series,
  type TrainingRecord,
} from "@vanish/viz";
import { clipSpec, type LabConfig } from "../config/labConfig";
import type { Evaluation, Instruments, StepRecord } from "../training/trainer";

/** What the charts are drawn from: a plain snapshot of the run log (it crosses to the chart worker). */
export interface ChartData {
  config: LabConfig;
  /** The training curve, thinned (see `RunLog.curve`). */
  curve: StepRecord[];
  /** The instrumented steps kept (heatmap rows, spectral radius points), oldest first. */
  rows: Instruments[];
  /** The first instrumented step of the run. */
  first: Instruments | null;
  /** lm framing: the first and the latest held-out evaluation (empty otherwise). */
  evaluations: Evaluation[];
}

/** A Vega-Lite spec as @vanish/viz returns it (the type is vega-lite's, reached without depending on vega-lite). */
export type ChartSpec = ReturnType<typeof gradientNormChart>;

export const CHART_IDS = ["curves", "norms", "heatmap", "spectrum", "accuracy"] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface ChartSize {
  width: number;
  height: number;
}

const CELL_NAMES: Record<LabConfig["cell"], string> = { rnn_tanh: "RNN tanh", rnn_relu: "RNN relu", lstm: "LSTM", gru: "GRU" };

/** "LSTM, clip norm:1" */
export function runLabel(config: LabConfig): string {
  const spec = clipSpec(config);
  return `${CELL_NAMES[config.cell]}, ${spec === null ? "no clipping" : `clip ${spec}`}`;
}

/** Whether a configuration has the accuracy-by-distance chart (the lm framing of agreement). */
export function hasAccuracyChart(config: LabConfig): boolean {
  return config.task === "agreement" && config.framing === "lm";
}

/** The charts a configuration draws. */
export function chartIds(config: LabConfig): ChartId[] {
  return CHART_IDS.filter((id) => id !== "accuracy" || hasAccuracyChart(config));
}

/** What the time axis of the gradient charts counts, in words. */
export function windowCaption(config: LabConfig): string {
  if (config.task === "adding") return `t = 1 … ${config.length}, the whole sequence`;
  const axis = `t = 1 is the subject's noun, t = ${config.distance} the last word before the verb`;
  return config.framing === "lm" ? `${axis}; the gradient of the verb's loss alone, on ${config.batchSize} fixed sentences at distance ${config.distance}` : axis;
}

/** A bucket's place on the log distance axis: the geometric mean of its ends (3–4 → 3.46). */
export function bucketPosition([lo, hi]: readonly [number, number]): number {
  return Math.sqrt(lo * hi);
}

/** At most this many time-step columns in the heatmap (longer windows show every k-th step). */
export const HEATMAP_COLUMNS = 60;

/** The time steps (1-based) the heatmap shows for a window: all, or evenly spaced ones always ending at the last. */
export function heatmapColumns(window: number, max = HEATMAP_COLUMNS): number[] {
  const stride = Math.ceil(window / max);
  const out: number[] = [];
  for (let t = window; t >= 1; t -= stride) out.push(t);
  return out.reverse();
}

/** The spec of one chart. */
export function labChart(id: ChartId, data: ChartData, size: ChartSize): ChartSpec {
  const { config, rows } = data;
  const label = runLabel(config);
  switch (id) {
    case "curves": {
      const records: TrainingRecord[] = data.curve.map((r) => ({
        step: r.step,
        loss: r.loss,
        ...(r.accuracy !== undefined && { accuracy: r.accuracy }),
        gradNorm: r.gradNorm,
        clipped: r.clipped,
        threshold: r.threshold,
        nonFinite: r.nonFinite,
      }));
      return trainingCurvesChart([{ label, cell: config.cell, records }], {
        width: size.width,
        height: Math.round(size.height / 3),
        title: "Loss, accuracy and the total gradient norm",
        lossTitle: config.task === "adding" ? "loss (MSE)" : config.framing === "lm" ? "loss (nats per word)" : "loss (nats)",
        legendTitle: "run",
      });
    }
    case "norms": {
      const series: Series[] = [];
      const first = data.first;
      const latest = rows.length > 0 ? rows[rows.length - 1] : null;
      if (first && latest && first.step !== latest.step) {
        series.push({ label: `step ${first.step}`, strategy: "none", values: first.hiddenGradNorms });
      }
      if (latest) series.push({ label: `step ${latest.step}`, cell: config.cell, values: latest.hiddenGradNorms });
      return gradientNormChart(series, {
        width: size.width,
        height: size.height,
        title: "‖∂L/∂hₜ‖ per time step",
        legendTitle: "training step",
      });
    }
    case "heatmap": {
      const columns = heatmapColumns(config.task === "agreement" ? config.distance : config.length);
      return gradientHeatmapChart(
        {
          norms: rows.map((r) => columns.map((t) => r.hiddenGradNorms[t - 1])),
          trainingSteps: rows.map((r) => r.step),
          timeSteps: columns,
        },
        { width: size.width, height: size.height, title: "‖∂L/∂hₜ‖ over training" },
      );
    }
    case "spectrum": {
      const gates = rows.length === 0 ? [] : rows[0].spectralRadius.map((g) => g.gate);
      const series: Series[] = gates.map((gate, g) => ({
        label: gate === "h" ? "ρ(W_hh)" : `ρ(W_h${gate})`,
        cell: config.cell,
        values: rows.map((r) => r.spectralRadius[g].value),
        steps: rows.map((r) => r.step),
      }));
      return spectralRadiusChart(series, { width: size.width, height: size.height, title: "Spectral radius of the recurrent weights", legendTitle: "block" });
    }
    case "accuracy": {
      const evaluations = data.evaluations;
      const latest = evaluations.length > 0 ? evaluations[evaluations.length - 1] : null;
      const shown = latest === null ? [] : evaluations[0] === latest ? [latest] : [evaluations[0], latest];
      const rows = shown.flatMap((e) =>
        e.buckets.map((b) => ({
          label: `step ${e.step}`,
          ...(e === latest ? { cell: config.cell } : { strategy: "none" }),
          bucket: bucketPosition(b.distance),
          accuracy: b.accuracy,
          count: b.count,
        })),
      );
      return accuracyChart(rows, {
        width: size.width,
        height: size.height,
        title: "Verb agreement on held-out sentences, by distance",
        legendTitle: "training step",
        chance: 0.5,
        logX: true,
      });
    }
  }
}

/** The words under a chart: what its time axis counts (gradient charts), then the chart's own description. */
export function chartCaption(id: ChartId, data: ChartData, spec: ChartSpec): string {
  const description = typeof spec.description === "string" ? spec.description : "";
  return id === "norms" || id === "heatmap" ? `Time steps: ${windowCaption(data.config)}. ${description}` : description;
}
