// Chart 4: accuracy against the distance between subject and verb, or against the number of attractors
// (Linzen, Dupoux & Goldberg 2016, Fig. 2), one line per model.
import type { TopLevelSpec } from "vega-lite";
import { checkSeries, seriesRows } from "../data/seriesRows";
import {
  describe,
  expectArray,
  expectFinite,
  expectNumber,
  expectObject,
  expectOptionalCell,
  expectOptionalString,
  expectPositiveOption,
  expectString,
} from "../data/validate";
import { seriesStyles } from "../palette";
import { CONFIG, DEFAULT_HEIGHT, DEFAULT_WIDTH, titleBlock, type Layer } from "../theme";
import type { BucketAccuracy, ChartOptions } from "../types";
import { noDataChart } from "./noDataChart";
import { flagNotes, seriesLayers } from "./seriesLayers";

export interface AccuracyChartOptions extends ChartOptions {
  /** What the buckets are: the distance in tokens (default) or the number of attractors. */
  readonly by?: "distance" | "attractors";
  /** Accuracy of guessing, drawn as a dotted line (e.g. 0.5 for singular/plural). */
  readonly chance?: number;
  /** Legend title (default "model"). */
  readonly legendTitle?: string;
}

const CAPTIONS = {
  distance:
    "Accuracy of the agreement prediction against the distance between the subject and its verb. A model that " +
    "cannot carry the subject's number far falls towards chance as the distance grows; gated cells hold up longer.",
  attractors:
    "Accuracy against the number of attractors — nouns of the opposite number between the subject and the verb. " +
    "Each attractor is a chance to be misled, so accuracy drops as they pile up; the gap between cells shows memory.",
} as const;

/**
 * Accuracy per bucket, one line with a point per bucket for each model (rows sharing a `label`, in bucket order).
 * Buckets whose accuracy is NaN break the line and get a × at the top.
 */
export function accuracyChart(rows: readonly BucketAccuracy[], options: AccuracyChartOptions = {}): TopLevelSpec {
  const fn = "accuracyChart";
  const by = options.by ?? "distance";
  if (by !== "distance" && by !== "attractors") {
    throw new TypeError(`${fn}: options.by must be "distance" or "attractors", got ${describe(by)}`);
  }
  const list = expectArray(fn, "rows", rows, "{ label, bucket, accuracy }");
  // Group rows by label into series (first appearance order), checking each row.
  const groups = new Map<string, { label: string; cell?: string; strategy?: string; buckets: number[]; values: number[] }>();
  list.forEach((item, i) => {
    const o = expectObject(fn, `rows[${i}]`, item, "an object { label, bucket, accuracy, cell?, strategy?, count? }");
    const label = expectString(fn, `rows[${i}].label`, o.label);
    const bucket = expectFinite(fn, `rows[${i}].bucket`, o.bucket);
    const accuracy = expectNumber(fn, `rows[${i}].accuracy`, o.accuracy);
    if (accuracy < 0 || accuracy > 1) {
      throw new RangeError(`${fn}: rows[${i}].accuracy must be a fraction in [0, 1] (or NaN), got ${accuracy}`);
    }
    const cell = expectOptionalCell(fn, `rows[${i}].cell`, o.cell);
    const strategy = expectOptionalString(fn, `rows[${i}].strategy`, o.strategy);
    if (o.count !== undefined) expectFinite(fn, `rows[${i}].count`, o.count);
    let g = groups.get(label);
    if (g === undefined) {
      g = { label, buckets: [], values: [], ...(cell === undefined ? {} : { cell }), ...(strategy === undefined ? {} : { strategy }) };
      groups.set(label, g);
    }
    if (g.buckets.includes(bucket)) {
      throw new RangeError(`${fn}: rows[${i}].bucket must be unique per label, got bucket ${bucket} twice for ${JSON.stringify(label)}`);
    }
    g.buckets.push(bucket);
    g.values.push(accuracy);
  });
  const series = checkSeries(
    fn,
    [...groups.values()].map((g) => {
      const order = g.buckets.map((_, k) => k).sort((a, b) => g.buckets[a]! - g.buckets[b]!);
      return { ...g, steps: order.map((k) => g.buckets[k]!), values: order.map((k) => g.values[k]!) };
    }),
    (i) => i,
  );
  const width = expectPositiveOption(fn, "options.width", options.width, DEFAULT_WIDTH);
  const height = expectPositiveOption(fn, "options.height", options.height, DEFAULT_HEIGHT);
  let chance: number | undefined;
  if (options.chance !== undefined) {
    chance = expectNumber(fn, "options.chance", options.chance);
    if (!(chance >= 0 && chance <= 1)) throw new RangeError(`${fn}: options.chance must be a fraction in [0, 1], got ${chance}`);
  }
  const title = options.title ?? (by === "distance" ? "Accuracy against distance" : "Accuracy against attractors");
  const data = seriesRows(series, false);
  const notes = flagNotes(data, []);
  if (data.length === 0) return noDataChart(title, notes, width, height, CAPTIONS[by]);
  const legendTitle = options.legendTitle ?? "model";
  const layers: Layer[] = seriesLayers(data, {
    styles: seriesStyles(series),
    height,
    xTitle: by === "distance" ? "distance from subject to verb (tokens)" : "attractors (intervening nouns of the other number)",
    yTitle: "accuracy (%)",
    xName: by === "distance" ? "distance" : "attractors",
    yName: "accuracy",
    legendTitle,
    y: { domain: [0, 1], format: ".0%" },
    integerX: by === "attractors",
    everyPoint: true,
  });
  if (chance !== undefined) {
    layers.unshift({
      data: { values: [{ chance, text: `chance ${Math.round(chance * 100)}%` }] },
      layer: [
        { mark: { type: "rule", strokeDash: [2, 3], color: "#666666" }, encoding: { y: { field: "chance", type: "quantitative" } } },
        {
          mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -3, color: "#555555", fontSize: 11 },
          encoding: { y: { field: "chance", type: "quantitative" }, x: { value: 0 }, text: { field: "text" } },
        },
      ],
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: CAPTIONS[by],
    title: titleBlock(title, notes),
    width,
    height,
    config: CONFIG,
    data: { values: data },
    layer: layers,
  };
}
