// Chart 7: the contribution of each time step to dL/dW_hh. BPTT sums one term per step,
// dL/dW_hh = Σ_t δ_t h_{t−1}ᵀ (Werbos 1990); when gradients vanish the early terms are orders of magnitude
// smaller, so the sum is decided by the last few steps (Pascanu, Mikolov & Bengio 2013, §2).
import type { TopLevelSpec } from "vega-lite";
import { logAxis } from "../data/logAxis";
import { checkSeries, seriesRows, type Row } from "../data/seriesRows";
import { describe, expectPositiveOption } from "../data/validate";
import { seriesStyles } from "../palette";
import { CONFIG, DEFAULT_WIDTH, titleBlock, type Layer } from "../theme";
import type { ChartOptions, Series } from "../types";
import { noDataChart } from "./noDataChart";
import { flagNotes } from "./seriesLayers";

export interface StepContributionChartOptions extends ChartOptions {
  /** "log" (default: contributions span many orders of magnitude) or "linear". */
  readonly scale?: "log" | "linear";
}

const CAPTION =
  "The gradient of the recurrent weights is a sum with one term per time step; each bar is the size of one term. " +
  "When the bars shrink steadily towards the left, the early inputs contribute almost nothing to learning: the " +
  "model can only learn short dependencies.";

/** The panel type of a vertical stack. */
type Panel = Extract<TopLevelSpec, { vconcat: unknown }>["vconcat"][number];

/**
 * Bars of ‖∂L/∂W_hh at step t‖ (Frobenius norm of the step's term) over t, one panel per model stacked on a shared
 * t axis. `series[k].values[i]` belongs to time step `steps[i]` (default i + 1). On the log scale bars start at
 * the bottom of the axis; values ≤ 0 get a ▼ and NaN/±∞ a ×.
 */
export function stepContributionChart(series: readonly Series[], options: StepContributionChartOptions = {}): TopLevelSpec {
  const fn = "stepContributionChart";
  const checked = checkSeries(fn, series, (i) => i + 1);
  const width = expectPositiveOption(fn, "options.width", options.width, DEFAULT_WIDTH);
  const scale = options.scale ?? "log";
  if (scale !== "log" && scale !== "linear") {
    throw new TypeError(`${fn}: options.scale must be "log" or "linear", got ${describe(scale)}`);
  }
  const log = scale === "log";
  const nonEmpty = checked.filter((s) => s.values.length > 0);
  const height = expectPositiveOption(fn, "options.height", options.height, nonEmpty.length > 1 ? 130 : 220);
  const title = options.title ?? "Per-step contributions to ∂L/∂W_hh";
  const rows = seriesRows(checked, log);
  const notes = flagNotes(rows, checked.filter((s) => s.values.length === 0).map((s) => s.label));
  if (rows.length === 0) return noDataChart(title, notes, width, height, CAPTION);
  const styles = seriesStyles(checked);
  const axis = logAxis(rows.map((r) => r.y ?? NaN), 5);
  let xmin = Infinity;
  let xmax = -Infinity;
  for (const r of rows) {
    xmin = Math.min(xmin, r.x);
    xmax = Math.max(xmax, r.x);
  }
  let ymin = 0;
  let ymax = 0;
  for (const r of rows) {
    if (r.y !== null && r.y > ymax) ymax = r.y;
    if (r.y !== null && r.y < ymin) ymin = r.y;
  }
  // One y domain for every panel, so bar heights compare across models.
  const y = log
    ? { scale: { type: "log" as const, domain: axis.domain, nice: false }, axis: { values: axis.ticks, labelExpr: axis.labelExpr } }
    : { scale: { domain: [ymin, ymax > ymin ? ymax : ymin + 1] } };
  const panel = (s: (typeof checked)[number], last: boolean): Panel => {
    const data: Row[] = rows.filter((r) => r.label === s.label);
    const x = {
      field: "x",
      type: "quantitative" as const,
      title: last ? "time step t" : null,
      scale: { domain: [xmin - 0.5, xmax + 0.5], nice: false, zero: false },
      axis: { tickMinStep: 1, format: "d" },
    };
    // Each panel's axis title names its model, so no legend.
    const color = { field: "label", type: "nominal" as const, scale: { domain: styles.labels, range: styles.colors }, legend: null };
    const tooltip = [
      { field: "label", type: "nominal" as const, title: "model" },
      { field: "x", type: "quantitative" as const, title: "t" },
      { field: "value", type: "nominal" as const, title: "‖term‖" },
    ];
    const layers: Layer[] = [
      {
        // Bars as rects spanning t ± 0.4 (a quantitative axis has no bands to size them by).
        transform: [{ filter: "datum.flag === 'ok'" }, { calculate: "datum.x - 0.4", as: "x0" }, { calculate: "datum.x + 0.4", as: "x1" }],
        mark: { type: "rect" },
        encoding: {
          x: { ...x, field: "x0" },
          x2: { field: "x1" },
          y: { field: "y", type: "quantitative", title: [s.label, log ? "‖term‖ (log scale)" : "‖term‖"], ...y },
          // Bars on a log axis have no zero: they rise from the axis' lower end.
          y2: { datum: log ? axis.domain[0] : 0 },
          color,
          tooltip,
        },
      },
    ];
    if (data.some((r) => r.flag === "nonFinite")) {
      layers.push({
        transform: [{ filter: "datum.flag === 'nonFinite'" }],
        mark: { type: "text", text: "×", fontSize: 16, fontWeight: "bold", baseline: "middle" },
        encoding: { x, y: { value: 8 }, color, tooltip },
      });
    }
    if (data.some((r) => r.flag === "nonPositive")) {
      layers.push({
        transform: [{ filter: "datum.flag === 'nonPositive'" }],
        mark: { type: "point", shape: "triangle-down", filled: true, size: 60, opacity: 1 },
        encoding: { x, y: { value: height - 6 }, color, tooltip },
      });
    }
    return { width, height, data: { values: data }, layer: layers };
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: CAPTION,
    title: titleBlock(title, notes),
    config: CONFIG,
    vconcat: nonEmpty.map((s, k) => panel(s, k === nonEmpty.length - 1)),
    resolve: { scale: { x: "shared", color: "shared" } },
  };
}
