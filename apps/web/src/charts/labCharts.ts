// The lab's four charts as @vanish/viz specs, built from the run log. Pure: no DOM, so the tests build them in Node.
import {
  gradientHeatmapChart,
  gradientNormChart,
  spectralRadiusChart,
  trainingCurvesChart,
  type Series,
  type TrainingRecord,
} from "@vanish/viz";
import { clipSpec, type LabConfig } from "../config/labConfig";
import type { Instruments, StepRecord } from "../training/trainer";

/** What the charts are drawn from: a plain snapshot of the run log (it crosses to the chart worker). */
export interface ChartData {
  config: LabConfig;
  /** The training curve, thinned (see `RunLog.curve`). */
  curve: StepRecord[];
  /** The instrumented steps kept (heatmap rows, spectral radius points), oldest first. */
  rows: Instruments[];
  /** The first instrumented step of the run. */
  first: Instruments | null;
}

/** A Vega-Lite spec as @vanish/viz returns it (the type is vega-lite's, reached without depending on vega-lite). */
export type ChartSpec = ReturnType<typeof gradientNormChart>;

export const CHART_IDS = ["curves", "norms", "heatmap", "spectrum"] as const;
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

/** What the time axis of the gradient charts counts, in words. */
export function windowCaption(config: LabConfig): string {
  return config.task === "agreement"
    ? `t = 1 is the subject's noun, t = ${config.distance} the last word before the verb`
    : `t = 1 … ${config.length}, the whole sequence`;
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
        lossTitle: config.task === "agreement" ? "loss (nats)" : "loss (MSE)",
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
  }
}

/** The words under a chart: what its time axis counts (gradient charts), then the chart's own description. */
export function chartCaption(id: ChartId, data: ChartData, spec: ChartSpec): string {
  const description = typeof spec.description === "string" ? spec.description : "";
  return id === "norms" || id === "heatmap" ? `Time steps: ${windowCaption(data.config)}. ${description}` : description;
}
