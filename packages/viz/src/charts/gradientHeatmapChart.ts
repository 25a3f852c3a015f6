// Chart 2: log ‖dL/dh_t‖ over (time step, training step) — how the profile of chart 1 changes as training goes.
import type { TopLevelSpec } from "vega-lite";
import { cellEdges, drawnEnd } from "../data/cellEdges";
import { logAxis } from "../data/logAxis";
import { flagOf, valueText, type Flag } from "../data/seriesRows";
import { expectObject, expectPositiveOption, expectSameLength } from "../data/validate";
import { expectIncreasing, expectMatrix } from "../data/validateGrid";
import { MARKER_COLORS } from "../palette";
import { CONFIG, DEFAULT_WIDTH, titleBlock, type Layer } from "../theme";
import type { ChartOptions, GradientHeatmap } from "../types";
import { noDataChart } from "./noDataChart";
import { plural } from "./seriesLayers";

const CAPTION =
  "Each row is one snapshot during training, each column a time step; the colour is ‖∂L/∂hₜ‖ on a log scale " +
  "(bright = large). Dark columns on the left mean the early inputs get almost no gradient (vanishing); watch " +
  "whether training widens the bright band or a bright streak appears (exploding).";

/** The text shown for each undrawable cell kind, and its colour. */
const FLAG_TEXT: Readonly<Record<Exclude<Flag, "ok">, string>> = {
  nonFinite: "non-finite (NaN, ±∞)",
  nonPositive: "≤ 0 (off the log scale)",
};

/**
 * Heatmap of ‖dL/dh_t‖, time step on x and training step on y, colour on a log scale (viridis, which stays
 * ordered in greyscale and for colour-blind readers). NaN/±∞ cells are magenta and cells ≤ 0 light grey, each
 * with its own legend entry. `input.norms` has shape `[trainingSteps, timeSteps]`.
 */
export function gradientHeatmapChart(input: GradientHeatmap, options: ChartOptions = {}): TopLevelSpec {
  const fn = "gradientHeatmapChart";
  const o = expectObject(fn, "input", input, "an object { norms, trainingSteps?, timeSteps? }");
  const norms = expectMatrix(fn, "input.norms", o.norms);
  const cols = norms.length === 0 ? 0 : norms[0]!.length;
  const trainingSteps =
    o.trainingSteps === undefined ? norms.map((_, k) => k) : expectIncreasing(fn, "input.trainingSteps", o.trainingSteps);
  expectSameLength(fn, "input.trainingSteps", trainingSteps.length, "input.norms", norms.length);
  const timeSteps =
    o.timeSteps === undefined
      ? Array.from({ length: cols }, (_, i) => i + 1)
      : expectIncreasing(fn, "input.timeSteps", o.timeSteps);
  expectSameLength(fn, "input.timeSteps", timeSteps.length, "input.norms[0]", cols);
  const width = expectPositiveOption(fn, "options.width", options.width, DEFAULT_WIDTH);
  const height = expectPositiveOption(fn, "options.height", options.height, 300);
  const title = options.title ?? "‖∂L/∂hₜ‖ over time steps and training";
  if (norms.length === 0 || cols === 0) return noDataChart(title, [], width, height, CAPTION);

  const xEdges = cellEdges(timeSteps);
  const yEdges = cellEdges(trainingSteps);
  const rows = [];
  const counts = { nonFinite: 0, nonPositive: 0 };
  for (let k = 0; k < norms.length; k++) {
    for (let i = 0; i < cols; i++) {
      const v = norms[k]![i]!;
      const flag = flagOf(v, true);
      if (flag !== "ok") counts[flag]++;
      rows.push({
        t: timeSteps[i]!,
        t0: xEdges[i]!,
        t1: drawnEnd(xEdges, i),
        step: trainingSteps[k]!,
        s0: yEdges[k]!,
        s1: drawnEnd(yEdges, k),
        v: flag === "ok" ? v : null,
        flag: flag === "ok" ? "ok" : FLAG_TEXT[flag],
        value: valueText(v),
      });
    }
  }
  const axis = logAxis(rows.map((r) => r.v ?? NaN));
  const position = {
    x: { field: "t0", type: "quantitative" as const, title: "time step t", scale: { domain: [xEdges[0]!, xEdges[cols]!], nice: false, zero: false }, axis: { tickMinStep: 1, format: "d" } },
    x2: { field: "t1" },
    y: { field: "s0", type: "quantitative" as const, title: "training step", scale: { domain: [yEdges[0]!, yEdges[norms.length]!], nice: false, zero: false }, axis: { format: "d" } },
    y2: { field: "s1" },
  };
  const tooltip = [
    { field: "t", type: "quantitative" as const, title: "t" },
    { field: "step", type: "quantitative" as const, title: "training step" },
    { field: "value", type: "nominal" as const, title: "‖∂L/∂hₜ‖" },
  ];
  const layers: Layer[] = [
    {
      transform: [{ filter: "datum.flag === 'ok'" }],
      mark: { type: "rect" },
      encoding: {
        ...position,
        color: {
          field: "v",
          type: "quantitative",
          title: "‖∂L/∂hₜ‖",
          scale: { type: "log", scheme: "viridis", domain: axis.domain },
          legend: { values: axis.ticks, labelExpr: axis.labelExpr, gradientLength: Math.min(height, 220) },
        },
        tooltip,
      },
    },
  ];
  const present = (Object.keys(FLAG_TEXT) as Exclude<Flag, "ok">[]).filter((f) => counts[f] > 0);
  if (present.length > 0) {
    layers.push({
      transform: [{ filter: "datum.flag !== 'ok'" }],
      mark: { type: "rect" },
      encoding: {
        ...position,
        fill: {
          field: "flag",
          type: "nominal",
          title: "not drawn",
          scale: { domain: present.map((f) => FLAG_TEXT[f]), range: present.map((f) => MARKER_COLORS[f]) },
        },
        tooltip,
      },
    });
  }
  const notes: string[] = [];
  if (counts.nonFinite > 0) notes.push(`${plural(counts.nonFinite, "non-finite cell")} (NaN or ±∞) in magenta`);
  if (counts.nonPositive > 0) notes.push(`${plural(counts.nonPositive, "cell")} ≤ 0, off the log scale, in grey`);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: CAPTION,
    title: titleBlock(title, notes),
    width,
    height,
    config: CONFIG,
    data: { values: rows },
    layer: layers,
    resolve: { scale: { color: "independent", fill: "independent" } },
  };
}
