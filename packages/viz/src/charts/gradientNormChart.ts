// Chart 1: ‖dL/dh_t‖ against the time step t on a log axis (Bengio, Simard & Frasconi 1994; Pascanu, Mikolov &
// Bengio 2013, §2): a straight falling line means the gradient shrinks by the same factor at every step back.
import type { TopLevelSpec } from "vega-lite";
import { logAxis } from "../data/logAxis";
import { checkSeries, seriesRows } from "../data/seriesRows";
import { expectPositiveOption } from "../data/validate";
import { seriesStyles } from "../palette";
import { CONFIG, DEFAULT_HEIGHT, DEFAULT_WIDTH, titleBlock } from "../theme";
import type { ChartOptions, Series } from "../types";
import { noDataChart } from "./noDataChart";
import { flagNotes, seriesLayers } from "./seriesLayers";

export interface GradientNormChartOptions extends ChartOptions {
  /** Legend title (default "model"). */
  readonly legendTitle?: string;
  /** Axis titles (default "time step t" and "‖∂L/∂hₜ‖ (L2 norm, log scale)"), e.g. for a gradient of another quantity. */
  readonly xTitle?: string;
  readonly yTitle?: string;
}

const CAPTION =
  "The size of the loss gradient with respect to the hidden state at each time step, on a log axis. Read it from " +
  "right to left: that is the way the error travels back. A straight falling line means the gradient shrinks by the " +
  "same factor at every step (vanishing), a rising one that it grows (exploding); gated cells (LSTM, GRU) keep it flatter.";

/**
 * ‖dL/dh_t‖ per time step, one line per model or run, log y axis with ticks at powers of ten.
 *
 * `series[k].values[i]` is ‖dL/dh‖ at time step `steps[i]` (default i + 1, as `hiddenGradNorms` in docs/interchange.md#output).
 * NaN/±∞ break the line and get a × at the top; values ≤ 0 (e.g. an underflow to 0) get a ▼ at the bottom.
 *
 * @example
 * gradientNormChart([{ label: "tanh RNN", cell: "rnn_tanh", values: [1e-9, 1e-6, 1e-3, 1] }]);
 */
export function gradientNormChart(series: readonly Series[], options: GradientNormChartOptions = {}): TopLevelSpec {
  const fn = "gradientNormChart";
  const checked = checkSeries(fn, series, (i) => i + 1);
  const width = expectPositiveOption(fn, "options.width", options.width, DEFAULT_WIDTH);
  const height = expectPositiveOption(fn, "options.height", options.height, DEFAULT_HEIGHT);
  const title = options.title ?? "Gradient norm ‖∂L/∂hₜ‖ per time step";
  const rows = seriesRows(checked, true);
  const notes = flagNotes(rows, checked.filter((s) => s.values.length === 0).map((s) => s.label));
  if (rows.length === 0) return noDataChart(title, notes, width, height, CAPTION);
  const legendTitle = options.legendTitle ?? "model";
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: CAPTION,
    title: titleBlock(title, notes),
    width,
    height,
    config: CONFIG,
    data: { values: rows },
    layer: seriesLayers(rows, {
      styles: seriesStyles(checked),
      height,
      xTitle: options.xTitle ?? "time step t",
      yTitle: options.yTitle ?? "‖∂L/∂hₜ‖ (L2 norm, log scale)",
      xName: "t",
      yName: "‖∂L/∂hₜ‖",
      legendTitle,
      y: { log: logAxis(rows.map((r) => r.y ?? NaN)) },
      integerX: true,
    }),
  };
}
