// The look shared by every chart: sizes readable in a report at 100% zoom, one font that both browsers and resvg
// have (DejaVu Sans ships with most Linux systems; the others fall back to Verdana or the default sans-serif).
import type { Config, TopLevelSpec } from "vega-lite";

export const DEFAULT_WIDTH = 520;
export const DEFAULT_HEIGHT = 280;
export const FONT = "DejaVu Sans, Verdana, sans-serif";

/** The Vega-Lite `config` of every chart. */
export const CONFIG: Config = {
  font: FONT,
  background: "white",
  padding: 8,
  view: { stroke: "#bbbbbb" },
  title: { fontSize: 15, fontWeight: "bold", subtitleFontSize: 12, subtitleColor: "#444444", anchor: "start", offset: 10 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    titleColor: "#222222",
    labelColor: "#333333",
    gridColor: "#e5e5e5",
    tickColor: "#888888",
    domainColor: "#888888",
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", symbolStrokeWidth: 2.5, labelLimit: 260 },
  line: { strokeWidth: 2 },
};

/** A chart's title block: the title, then one subtitle line per note (notes flag what could not be drawn). */
export function titleBlock(text: string, notes: readonly string[]): { text: string; subtitle?: string[] } {
  return notes.length === 0 ? { text } : { text, subtitle: [...notes] };
}

/** The Vega-Lite layer type, for charts built from several layers. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>["layer"][number];
