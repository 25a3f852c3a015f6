import { seriesStyles, type CellType } from "@vanish/viz";

/** One error bar: the spread of `label`'s values at x = `bucket` (e.g. mean ± std across seeds). */
export interface ErrorBar {
  readonly label: string;
  readonly cell?: CellType;
  readonly strategy?: string;
  readonly bucket: number;
  readonly low: number;
  readonly high: number;
}

// A Vega-Lite spec with top-level layers, as every @vanish/viz line chart returns.
type LayeredSpec = { layer: unknown[] } & Record<string, unknown>;

/**
 * Adds vertical error bars (one rule per bar, with short caps) to a layered @vanish/viz line chart, in the colours the
 * chart gives the same labels. @vanish/viz has no error-bar option yet, so the layer is added here; its x and y copy
 * the chart's own encodings (same scales and axes) and it adds no legend.
 */
export function withErrorBars<T>(spec: T, bars: readonly ErrorBar[]): T {
  const layered = spec as unknown as LayeredSpec;
  if (!Array.isArray(layered.layer)) throw new TypeError("withErrorBars: spec must be a layered Vega-Lite spec (with a top-level layer array)");
  if (bars.length === 0) return spec;
  const series = findEncoding(layered.layer);
  if (series === null) throw new TypeError("withErrorBars: spec has no layer that encodes x and y");
  const keys = [...new Map(bars.map((b) => [b.label, { label: b.label, cell: b.cell, strategy: b.strategy }])).values()];
  const styles = seriesStyles(keys);
  // The series' own x and y encodings (title, scale, axis), so that the shared axes stay exactly as they were.
  const x = { ...series.x, field: "x" };
  const y = (field: string) => ({ ...series.y, field });
  // One layer per label with its colour on the mark, not in an encoding: the bars add no legend of their own.
  const layer = {
    layer: styles.labels.map((label, i) => {
      const color = styles.colors[i]!;
      const rows = bars.filter((b) => b.label === label).map((b) => ({ label, x: b.bucket, low: b.low, high: b.high }));
      return {
        data: { values: rows },
        layer: [
          { mark: { type: "rule", strokeWidth: 1.5, color }, encoding: { x, y: y("low"), y2: { field: "high" } } },
          ...(["low", "high"] as const).map((end) => ({ mark: { type: "tick", orient: "horizontal", size: 8, thickness: 1.5, color }, encoding: { x, y: y(end) } })),
        ],
      };
    }),
  };
  return { ...layered, layer: [...layered.layer, layer] } as unknown as T;
}

type Encoding = Record<string, unknown>;

/** The first layer, depth first, whose x is the field "x" and which has a y: a series layer of @vanish/viz. */
function findEncoding(layers: readonly unknown[]): { x: Encoding; y: Encoding } | null {
  for (const l of layers) {
    const layer = l as { encoding?: { x?: Encoding; y?: Encoding }; layer?: unknown[] };
    if (layer.encoding?.x?.field === "x" && layer.encoding.y !== undefined) return { x: layer.encoding.x, y: layer.encoding.y };
    if (Array.isArray(layer.layer)) {
      const found = findEncoding(layer.layer);
      if (found !== null) return found;
    }
  }
  return null;
}
