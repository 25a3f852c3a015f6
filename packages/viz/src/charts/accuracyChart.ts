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
  /**
   * A log x axis (distance only), for log-spaced buckets (1, 2, 3–4, 5–8, …): short distances, where a plain RNN
   * still works, get as much room as long ones. Buckets must then be > 0.
   */
  readonly logX?: boolean;
  /**
   * A shaded band per model and bucket, e.g. the lowest and highest accuracy over seeds around the mean line, in the
   * model's colour. Each band's `label` must be a label of `rows`.
   */
  readonly bands?: readonly AccuracyBand[];
}

/** The spread of one model's accuracy at one bucket (fractions in [0, 1], `low` ≤ `high`). */
export interface AccuracyBand {
  readonly label: string;
  readonly bucket: number;
  readonly low: number;
  readonly high: number;
}

/** Powers of two from 1 up to the first one ≥ `max`: the ticks of a log distance axis. */
function checkBands(fn: string, bands: unknown, labels: ReadonlySet<string>): AccuracyBand[] {
  if (bands === undefined) return [];
  const list = expectArray(fn, "options.bands", bands, "{ label, bucket, low, high }");
  return list.map((item, i) => {
    const o = expectObject(fn, `options.bands[${i}]`, item, "an object { label, bucket, low, high }");
    const label = expectString(fn, `options.bands[${i}].label`, o.label);
    if (!labels.has(label)) throw new RangeError(`${fn}: options.bands[${i}].label must be a label of rows (${[...labels].map((l) => JSON.stringify(l)).join(", ")}), got ${JSON.stringify(label)}`);
    const bucket = expectFinite(fn, `options.bands[${i}].bucket`, o.bucket);
    const low = expectFinite(fn, `options.bands[${i}].low`, o.low);
    const high = expectFinite(fn, `options.bands[${i}].high`, o.high);
    if (!(low >= 0 && low <= high && high <= 1)) throw new RangeError(`${fn}: options.bands[${i}] must have 0 ≤ low ≤ high ≤ 1, got low ${low} and high ${high}`);
    return { label, bucket, low, high };
  });
}

function powerTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let t = 1; t < 2 * max; t *= 2) if (t >= min / 2) ticks.push(t);
  return ticks;
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
  const logX = options.logX === true;
  if (options.logX !== undefined && typeof options.logX !== "boolean") throw new TypeError(`${fn}: options.logX must be true or false, got ${describe(options.logX)}`);
  if (logX && by !== "distance") throw new TypeError(`${fn}: options.logX applies to by "distance" only, got by ${JSON.stringify(by)}`);
  if (logX) {
    const i = list.findIndex((r) => !((r as BucketAccuracy).bucket > 0));
    if (i >= 0) throw new RangeError(`${fn}: rows[${i}].bucket must be > 0 on a log axis (options.logX), got ${(list[i] as BucketAccuracy).bucket}`);
  }
  const bands = checkBands(fn, options.bands, new Set(groups.keys()));
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
    ...(logX && { logX: powerTicks(Math.min(...series.flatMap((g) => g.steps)), Math.max(...series.flatMap((g) => g.steps))) }),
  });
  if (bands.length > 0) {
    // Under the lines, one layer per model with its colour on the mark (not in an encoding, so the bands add no
    // legend of their own); the same x and y encodings as the lines, so the axes stay as they are.
    const line = layers[0] as { encoding: { x: object; y: object } };
    const styles = seriesStyles(series);
    const bandLayers = styles.labels.flatMap((label, i) => {
      const values = bands.filter((b) => b.label === label).map((b) => ({ x: b.bucket, low: b.low, high: b.high }));
      if (values.length === 0) return [];
      return [{
        data: { values },
        mark: { type: "area" as const, opacity: 0.18, color: styles.colors[i]! },
        encoding: { x: line.encoding.x, y: { ...line.encoding.y, field: "low" }, y2: { field: "high" } },
      }];
    });
    layers.unshift(...(bandLayers as Layer[]));
  }
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
