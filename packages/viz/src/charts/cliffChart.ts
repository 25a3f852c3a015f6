// Chart 6: Pascanu's cliff. The error surface of a one-unit RNN x_t = w·σ(x_{t−1}) + b, E = (σ(x_50) − 0.7)²,
// x_0 = 0.5, over a (w, b) grid, with plain and clipped SGD paths (Pascanu, Mikolov & Bengio 2013, §3.3, Fig. 6).
// Near the wall the gradient is huge: plain SGD is thrown far away, clipped SGD takes a bounded step.
import type { TopLevelSpec } from "vega-lite";
import { cellEdges, drawnEnd } from "../data/cellEdges";
import { logAxis } from "../data/logAxis";
import { flagOf, valueText } from "../data/seriesRows";
import {
  describe,
  expectArray,
  expectObject,
  expectOptionalString,
  expectPositiveOption,
  expectSameLength,
  expectNumbers,
  expectString,
  expectUniqueLabels,
} from "../data/validate";
import { expectIncreasing, expectMatrix } from "../data/validateGrid";
import { MARKER_COLORS, seriesStyles } from "../palette";
import { CONFIG, DEFAULT_WIDTH, titleBlock, type Layer } from "../theme";
import type { ChartOptions, CliffGrid, CliffPath } from "../types";
import { noDataChart } from "./noDataChart";
import { plural } from "./seriesLayers";

const CAPTION =
  "The error of a one-unit recurrent network after 50 steps, for each recurrent weight w and bias b (darker = " +
  "higher error). The sharp edge is the cliff: crossing it changes the network's long-run behaviour, so " +
  "the gradient there is enormous. Plain gradient descent hits the wall and is thrown far away; with clipping the " +
  "same step is capped and the path stays on the surface.";

export interface CliffChartOptions extends ChartOptions {
  /** Colour scale of the error: "linear" (default; the cliff shows as a jump in colour) or "log" (shows the valley). */
  readonly colorScale?: "linear" | "log";
}

/**
 * The error surface as a heatmap with optimisation paths drawn on top: each path a line with a
 * dot per iterate, a ring at its start and a white halo so it reads on any background. Path points outside the
 * grid are clipped and counted in the subtitle; a path that turns NaN/±∞ ends with a × at its last finite iterate.
 * `grid.error` has shape `[b.length, w.length]`.
 */
export function cliffChart(grid: CliffGrid, paths: readonly CliffPath[] = [], options: CliffChartOptions = {}): TopLevelSpec {
  const fn = "cliffChart";
  const g = expectObject(fn, "grid", grid, "an object { w, b, error }");
  const w = expectIncreasing(fn, "grid.w", g.w);
  const b = expectIncreasing(fn, "grid.b", g.b);
  const error = expectMatrix(fn, "grid.error", g.error);
  expectSameLength(fn, "grid.error", error.length, "grid.b", b.length);
  if (error.length > 0) expectSameLength(fn, "grid.error[0]", error[0]!.length, "grid.w", w.length);
  const checkedPaths = expectArray(fn, "paths", paths, "{ label, w, b }").map((item, p) => {
    const o = expectObject(fn, `paths[${p}]`, item, "an object { label, w, b, strategy? }");
    const label = expectString(fn, `paths[${p}].label`, o.label);
    const pw = expectNumbers(fn, `paths[${p}].w`, o.w);
    const pb = expectNumbers(fn, `paths[${p}].b`, o.b);
    expectSameLength(fn, `paths[${p}].b`, pb.length, `paths[${p}].w`, pw.length);
    const strategy = expectOptionalString(fn, `paths[${p}].strategy`, o.strategy);
    return { label, w: pw, b: pb, ...(strategy === undefined ? {} : { strategy }) };
  });
  expectUniqueLabels(fn, "paths", checkedPaths.map((p) => p.label));
  const width = expectPositiveOption(fn, "options.width", options.width, DEFAULT_WIDTH);
  const height = expectPositiveOption(fn, "options.height", options.height, 340);
  const colorScale = options.colorScale ?? "linear";
  if (colorScale !== "linear" && colorScale !== "log") {
    throw new TypeError(`${fn}: options.colorScale must be "linear" or "log", got ${describe(colorScale)}`);
  }
  const log = colorScale === "log";
  const title = options.title ?? "The cliff: error surface of a one-unit RNN with SGD paths";
  if (w.length === 0 || b.length === 0) return noDataChart(title, [], width, height, CAPTION);

  const we = cellEdges(w);
  const be = cellEdges(b);
  const cells = [];
  let bad = 0;
  for (let j = 0; j < b.length; j++) {
    for (let i = 0; i < w.length; i++) {
      const e = error[j]![i]!;
      const flag = flagOf(e, log);
      if (flag !== "ok") bad++;
      cells.push({ w: w[i]!, b: b[j]!, w0: we[i]!, w1: drawnEnd(we, i), b0: be[j]!, b1: drawnEnd(be, j), e: flag === "ok" ? e : null, value: valueText(e) });
    }
  }
  const axis = logAxis(cells.map((c) => c.e ?? NaN), 6);
  // A light-to-dark scheme keeps the dark path colours readable on top of it.
  const colorScaleSpec = log
    ? { type: "log" as const, scheme: "oranges" as const, domain: axis.domain }
    : { type: "linear" as const, scheme: "oranges" as const, zero: true };
  const wDomain = [we[0]!, we[w.length]!];
  const bDomain = [be[0]!, be[b.length]!];
  const xScale = { domain: wDomain, nice: false, zero: false };
  const yScale = { domain: bDomain, nice: false, zero: false };
  const cellTooltip = [
    { field: "w", type: "quantitative" as const, title: "w", format: ".3~g" },
    { field: "b", type: "quantitative" as const, title: "b", format: ".3~g" },
    { field: "value", type: "nominal" as const, title: "E" },
  ];
  const layers: Layer[] = [
    {
      data: { values: cells },
      mark: { type: "rect" },
      encoding: {
        x: { field: "w0", type: "quantitative", title: "recurrent weight w", scale: xScale },
        x2: { field: "w1" },
        y: { field: "b0", type: "quantitative", title: "bias b", scale: yScale },
        y2: { field: "b1" },
        color: {
          field: "e",
          type: "quantitative",
          title: log ? ["error E", "(log scale)"] : ["error E", "(squared error)"],
          scale: colorScaleSpec,
          legend: {
            gradientLength: Math.min(height - 40, 200),
            ...(log ? { values: axis.ticks, labelExpr: axis.labelExpr } : {}),
          },
          // Undrawable cells (NaN, ±∞; ≤ 0 on the log scale) take the marker colour.
          condition: { test: "datum.e === null", value: MARKER_COLORS.nonFinite },
        },
        tooltip: cellTooltip,
      },
    },
  ];

  const notes: string[] = [];
  if (bad > 0) notes.push(`${plural(bad, "cell")} with non-finite${log ? " or ≤ 0" : ""} error, in magenta`);
  if (checkedPaths.length > 0) {
    const styles = seriesStyles(checkedPaths);
    const finiteAt = (p: (typeof checkedPaths)[number], k: number) => Number.isFinite(p.w[k]) && Number.isFinite(p.b[k]);
    const points = checkedPaths.flatMap((p) =>
      p.w.map((wk, k) => {
        const bk = p.b[k]!;
        const finite = finiteAt(p, k);
        return {
          label: p.label,
          k,
          pw: finite ? wk : null,
          pb: finite ? bk : null,
          flag: finite ? "ok" : "nonFinite",
          value: `(${valueText(wk)}, ${valueText(bk)})`,
          start: k === 0,
          // The last finite iterate before the path goes non-finite: where it blew up.
          blowup: finite && k + 1 < p.w.length && !finiteAt(p, k + 1),
          inside: finite && wk >= wDomain[0]! && wk <= wDomain[1]! && bk >= bDomain[0]! && bk <= bDomain[1]!,
        };
      }),
    );
    for (const p of checkedPaths) {
      const mine = points.filter((q) => q.label === p.label);
      const outside = mine.filter((q) => q.flag === "ok" && !q.inside).length;
      const nonFinite = mine.filter((q) => q.flag === "nonFinite").length;
      const parts: string[] = [];
      if (outside > 0) parts.push(`${plural(outside, "iterate")} outside the plotted grid`);
      if (nonFinite > 0) parts.push(`${plural(nonFinite, "non-finite iterate")}, × where it blew up`);
      if (parts.length > 0) notes.push(`${p.label}: ${parts.join(", ")}`);
    }
    const x = { field: "pw", type: "quantitative" as const, scale: xScale, title: "recurrent weight w" };
    const y = { field: "pb", type: "quantitative" as const, scale: yScale, title: "bias b" };
    const color = {
      field: "label",
      type: "nominal" as const,
      title: "optimiser",
      scale: { domain: styles.labels, range: styles.colors },
      legend: { symbolType: "stroke", symbolSize: 400 },
    };
    const tooltip = [
      { field: "label", type: "nominal" as const, title: "path" },
      { field: "k", type: "quantitative" as const, title: "iteration" },
      { field: "value", type: "nominal" as const, title: "(w, b)" },
    ];
    const pathLayers: Layer[] = [
      {
        mark: { type: "line", clip: true, color: "white", strokeWidth: 5, opacity: 0.85, invalid: "break-paths-filter-domains" },
        encoding: { x, y, order: { field: "k" }, detail: { field: "label" } },
      },
      {
        mark: { type: "line", clip: true, strokeWidth: 2, invalid: "break-paths-filter-domains" },
        encoding: {
          x,
          y,
          order: { field: "k" },
          color,
          strokeDash: { field: "label", type: "nominal", scale: { domain: styles.labels, range: styles.dashes }, legend: null },
        },
      },
      {
        transform: [{ filter: "datum.flag === 'ok'" }],
        mark: { type: "point", clip: true, filled: true, size: 18, opacity: 1 },
        encoding: { x, y, color, tooltip },
      },
      {
        transform: [{ filter: "datum.start && datum.flag === 'ok'" }],
        mark: { type: "point", clip: true, filled: false, size: 160, strokeWidth: 2.5, opacity: 1 },
        encoding: { x, y, color, tooltip },
      },
    ];
    if (points.some((q) => q.flag === "nonFinite")) {
      pathLayers.push({
        transform: [{ filter: "datum.blowup" }],
        mark: { type: "text", clip: true, text: "×", fontSize: 22, fontWeight: "bold", baseline: "middle" },
        encoding: { x, y, color, tooltip },
      });
    }
    layers.push({ data: { values: points }, layer: pathLayers });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: CAPTION,
    title: titleBlock(title, notes),
    width,
    height,
    config: CONFIG,
    layer: layers,
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
  };
}
