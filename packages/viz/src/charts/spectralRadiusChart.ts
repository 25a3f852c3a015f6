// Chart 5: the spectral radius (or largest singular value) of W_hh over training, against 1/γ. Pascanu, Mikolov &
// Bengio 2013, §2.1: with ‖diag σ'‖ ≤ γ (γ = 1 for tanh, ¼ for sigmoid), a largest singular value below 1/γ is
// sufficient for the gradients to vanish, and above 1/γ necessary for them to explode.
import type { TopLevelSpec } from "vega-lite";
import { checkSeries, seriesRows } from "../data/seriesRows";
import { describe, expectNumber, expectPositiveOption } from "../data/validate";
import { seriesStyles } from "../palette";
import { CONFIG, DEFAULT_HEIGHT, DEFAULT_WIDTH, titleBlock, type Layer } from "../theme";
import type { ChartOptions, Series } from "../types";
import { noDataChart } from "./noDataChart";
import { flagNotes, seriesLayers } from "./seriesLayers";

export interface SpectralRadiusChartOptions extends ChartOptions {
  /** The bound on |σ'| of the activation: 1 for tanh (default), 0.25 for sigmoid. The line is drawn at 1/γ. */
  readonly gamma?: number;
  /** What the values are (default "spectralRadius"); only the axis title changes. */
  readonly metric?: "spectralRadius" | "maxSingularValue";
  /** Legend title (default "model"). */
  readonly legendTitle?: string;
}

const CAPTION =
  "How large the recurrent weight matrix is, measured during training. Below the dotted 1/γ line the gradient is " +
  "guaranteed to shrink at every step back in time (vanishing); crossing it upwards makes exploding gradients " +
  "possible — the regime where clipping matters.";

/**
 * ρ(W_hh) (or σ_max(W_hh)) against training step, one line per model, with a dotted line at 1/γ.
 * `series[k].values[i]` is measured at training step `steps[i]` (default i).
 */
export function spectralRadiusChart(series: readonly Series[], options: SpectralRadiusChartOptions = {}): TopLevelSpec {
  const fn = "spectralRadiusChart";
  const checked = checkSeries(fn, series, (i) => i);
  const width = expectPositiveOption(fn, "options.width", options.width, DEFAULT_WIDTH);
  const height = expectPositiveOption(fn, "options.height", options.height, DEFAULT_HEIGHT);
  const gamma = options.gamma === undefined ? 1 : expectNumber(fn, "options.gamma", options.gamma);
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new RangeError(`${fn}: options.gamma must be a positive number, got ${gamma}`);
  const metric = options.metric ?? "spectralRadius";
  if (metric !== "spectralRadius" && metric !== "maxSingularValue") {
    throw new TypeError(`${fn}: options.metric must be "spectralRadius" or "maxSingularValue", got ${describe(metric)}`);
  }
  const name = metric === "spectralRadius" ? "ρ(W_hh)" : "σ_max(W_hh)";
  const title = options.title ?? (metric === "spectralRadius" ? "Spectral radius of W_hh during training" : "Largest singular value of W_hh during training");
  const rows = seriesRows(checked, false);
  const notes = flagNotes(rows, checked.filter((s) => s.values.length === 0).map((s) => s.label));
  if (rows.length === 0) return noDataChart(title, notes, width, height, CAPTION);
  const bound = 1 / gamma;
  let top = bound;
  for (const r of rows) if (r.y !== null && r.y > top) top = r.y;
  const layers: Layer[] = [
    {
      data: { values: [{ bound, text: `1/γ = ${Number(bound.toPrecision(3))}` }] },
      layer: [
        { mark: { type: "rule", strokeDash: [2, 3], strokeWidth: 1.5, color: "#444444" }, encoding: { y: { field: "bound", type: "quantitative" } } },
        {
          mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -3, color: "#333333", fontSize: 11 },
          encoding: { y: { field: "bound", type: "quantitative" }, x: { value: 0 }, text: { field: "text" } },
        },
      ],
    },
    ...seriesLayers(rows, {
      styles: seriesStyles(checked),
      height,
      xTitle: "training step",
      yTitle: metric === "spectralRadius" ? "spectral radius ρ(W_hh)" : "largest singular value σ_max(W_hh)",
      xName: "step",
      yName: name,
      legendTitle: options.legendTitle ?? "model",
      // Always show 0 and the 1/γ line, whatever the data.
      y: { domain: [0, top * 1.1] },
      integerX: true,
    }),
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: CAPTION,
    title: titleBlock(title, notes),
    width,
    height,
    config: CONFIG,
    data: { values: rows },
    layer: layers,
  };
}
