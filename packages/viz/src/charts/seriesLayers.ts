// The layers every line chart shares: the lines (broken at undrawable values), points for values with no drawable
// neighbour, and markers on the plot's edges for what cannot be placed — × at the top for NaN/±∞, ▼ at the
// bottom for zero or negative values on a log axis.
import type { Row } from "../data/seriesRows";
import type { LogAxis } from "../data/logAxis";
import type { SeriesStyles } from "../palette";
import type { Layer } from "../theme";

export interface SeriesLayerOptions {
  readonly styles: SeriesStyles;
  /** Plot height in pixels (the ▼ markers sit on the bottom edge). */
  readonly height: number;
  readonly xTitle: string;
  /** Axis title; an array gives one line per entry (keeps long titles within short panels). */
  readonly yTitle: string | readonly string[];
  readonly legendTitle: string;
  /** Tooltip names of x and y. */
  readonly xName: string;
  readonly yName: string;
  /** A log y axis, or a linear one (with an optional fixed domain and d3 number format). */
  readonly y: { readonly log: LogAxis } | { readonly domain?: [number, number]; readonly format?: string };
  /** Ticks only at integers (time steps, attractor counts). */
  readonly integerX?: boolean;
  /** A log x axis with ticks at these values (e.g. log-spaced distance buckets); x must be > 0. */
  readonly logX?: readonly number[];
  /** Draw a point on every value (for sparse x such as buckets), not only on isolated ones. */
  readonly everyPoint?: boolean;
  /** Draw × markers for non-finite values (default true); off when the caller marks them its own way. */
  readonly nonFiniteMarkers?: boolean;
}

/** The y encoding of a series chart; a linear axis with nothing to draw gets [0, 1] rather than an empty domain. */
function yEncoding(o: SeriesLayerOptions, rows: readonly Row[]) {
  if ("log" in o.y) {
    return {
      field: "y",
      type: "quantitative" as const,
      title: [...[o.yTitle].flat()],
      scale: { type: "log" as const, domain: o.y.log.domain, nice: false },
      axis: { values: o.y.log.ticks, labelExpr: o.y.log.labelExpr },
    };
  }
  return {
    field: "y",
    type: "quantitative" as const,
    title: [...[o.yTitle].flat()],
    ...(o.y.domain !== undefined
      ? { scale: { domain: o.y.domain } }
      : rows.some((r) => r.flag === "ok")
        ? {}
        : { scale: { domain: [0, 1] } }),
    ...(o.y.format === undefined ? {} : { axis: { format: o.y.format } }),
  };
}

/** The layers for `rows`; point and marker layers are added only when some row needs them. */
export function seriesLayers(rows: readonly Row[], o: SeriesLayerOptions): Layer[] {
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: o.xTitle,
    ...(o.integerX === true ? { axis: { tickMinStep: 1, format: "d" } } : {}),
    ...(o.logX !== undefined ? { scale: { type: "log" as const, nice: false }, axis: { values: [...o.logX], format: "d" } } : {}),
  };
  const color = {
    field: "label",
    type: "nominal" as const,
    title: o.legendTitle,
    scale: { domain: o.styles.labels, range: o.styles.colors },
    // Line samples in the legend show each series' dash pattern as well as its colour.
    legend: { symbolType: "stroke", symbolSize: 400 },
  };
  const strokeDash = {
    field: "label",
    type: "nominal" as const,
    title: o.legendTitle,
    scale: { domain: o.styles.labels, range: o.styles.dashes },
  };
  const tooltip = [
    { field: "label", type: "nominal" as const, title: o.legendTitle },
    { field: "x", type: "quantitative" as const, title: o.xName },
    { field: "value", type: "nominal" as const, title: o.yName },
  ];
  const y = yEncoding(o, rows);
  const layers: Layer[] = [
    {
      mark: { type: "line", invalid: "break-paths-filter-domains", strokeWidth: 2 },
      encoding: { x, y, color, strokeDash, tooltip },
    },
  ];
  // Layers are added only when they have rows: an empty layer would make vega warn about an infinite extent.
  if (o.everyPoint === true || rows.some((r) => r.isolated)) {
    layers.push({
      transform: [{ filter: o.everyPoint === true ? "datum.flag === 'ok'" : "datum.isolated" }],
      mark: { type: "point", filled: true, size: 45, opacity: 1 },
      encoding: { x, y, color, tooltip },
    });
  }
  if (o.nonFiniteMarkers !== false && rows.some((r) => r.flag === "nonFinite")) {
    layers.push({
      transform: [{ filter: "datum.flag === 'nonFinite'" }],
      mark: { type: "text", text: "×", fontSize: 18, fontWeight: "bold", baseline: "middle" },
      encoding: { x, y: { value: 8 }, color, tooltip },
    });
  }
  if (rows.some((r) => r.flag === "nonPositive")) {
    layers.push({
      transform: [{ filter: "datum.flag === 'nonPositive'" }],
      mark: { type: "point", shape: "triangle-down", filled: true, size: 70, opacity: 1 },
      encoding: { x, y: { value: o.height - 6 }, color, tooltip },
    });
  }
  return layers;
}

/** Subtitle lines explaining the markers that `rows` produce, and naming series with no values. */
export function flagNotes(rows: readonly Row[], emptyLabels: readonly string[]): string[] {
  let nonFinite = 0;
  let nonPositive = 0;
  for (const r of rows) {
    if (r.flag === "nonFinite") nonFinite++;
    else if (r.flag === "nonPositive") nonPositive++;
  }
  const notes: string[] = [];
  if (nonFinite > 0) notes.push(`× ${plural(nonFinite, "non-finite value")} (NaN or ±∞), drawn as gaps`);
  if (nonPositive > 0) notes.push(`▼ ${plural(nonPositive, "value")} ≤ 0, below the log axis, drawn as gaps`);
  if (emptyLabels.length > 0) notes.push(`no data: ${emptyLabels.join(", ")}`);
  return notes;
}

/** "1 value", "3 values". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
