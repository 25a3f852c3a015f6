// Colours. The four cells use Okabe & Ito (2008), "Color Universal Design", the palette designed to stay distinct
// under the common colour-vision deficiencies. The nine clipping strategies use colours from Paul Tol's schemes
// (Tol 2021, "Colour schemes", SRON/EPS/TN/09-002) chosen by exhaustive search for the largest worst-case CIELAB
// difference under simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009), among colours with
// at least 3:1 contrast on white (WCAG 2 for graphics) and unlike the cell colours. palette.test.ts checks both.
// Lines are also told apart by dash pattern, so no chart relies on colour alone.
import type { CellType } from "./types";

/** One colour per recurrent cell, the same in every chart. */
export const CELL_COLORS: Readonly<Record<CellType, string>> = Object.freeze({
  rnn_tanh: "#0072B2", // blue
  rnn_relu: "#D55E00", // vermillion
  lstm: "#009E73", // bluish green
  gru: "#CC79A7", // reddish purple
});

/**
 * The clipping strategies, named as @vanish/clipping's spec kinds (`norm:1` is kind `"norm"`), plus `"none"`.
 * viz imports no Vanish package, so the names are plain strings here; the apps' tests check that they are exactly
 * clipping's strategy kinds.
 */
export type StrategyName = "none" | "value" | "norm" | "tensornorm" | "tfglobalnorm" | "blockrms" | "agc" | "autoclip" | "zclip";

/** One colour per clipping strategy, the same in every chart. */
export const STRATEGY_COLORS: Readonly<Record<StrategyName, string>> = Object.freeze({
  none: "#000000", // black: the unclipped baseline
  value: "#CC6677", // rose
  norm: "#332288", // indigo
  tensornorm: "#225555", // dark teal
  tfglobalnorm: "#663333", // dark brown
  blockrms: "#999933", // olive
  agc: "#117733", // green
  autoclip: "#AA4499", // purple
  zclip: "#AA3377", // magenta
});

/** Colours for series that name neither a cell nor a known strategy, used in order. */
export const FALLBACK_COLORS: readonly string[] = Object.freeze(["#004488", "#997700", "#BB5566", "#555555", "#117799"]);

/** Dash patterns given in turn to series that share a colour (the first is solid). */
export const DASHES: readonly (readonly number[])[] = Object.freeze([[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 4]]);

/** Marks for values a chart cannot place: non-finite numbers, and zero/negative numbers on a log axis. */
export const MARKER_COLORS = Object.freeze({ nonFinite: "#EE3377", nonPositive: "#BBBBBB" });

/**
 * The strategy a name or a clipping spec names: its kind, the text before the first `:` (any case), e.g.
 * `"norm:1"` → `"norm"`, `"ZClip"` → `"zclip"`. Anything else (another spelling, a chain) gives `undefined`.
 */
export function strategyName(strategy: string): StrategyName | undefined {
  const head = strategy.split(":")[0]!.toLowerCase();
  return Object.hasOwn(STRATEGY_COLORS, head) ? (head as StrategyName) : undefined;
}

/** The colour of a clipping strategy (name or spec), or `undefined` if the name is unknown. */
export function strategyColor(strategy: string): string | undefined {
  const name = strategyName(strategy);
  return name === undefined ? undefined : STRATEGY_COLORS[name];
}

/** What decides a series' colour. */
export interface StyleKey {
  readonly label: string;
  readonly cell?: CellType;
  readonly strategy?: string;
}

/** Colour and dash of each label, in input order: ready for a Vega-Lite scale's `domain` and `range`. */
export interface SeriesStyles {
  readonly labels: string[];
  readonly colors: string[];
  readonly dashes: number[][];
}

/**
 * Resolves each series' colour (its cell's, else its strategy's, else the next fallback colour) and gives series
 * that share a colour different dash patterns, e.g. "tanh before training" solid and "tanh after training" dashed.
 */
export function seriesStyles(keys: readonly StyleKey[]): SeriesStyles {
  const labels: string[] = [];
  const colors: string[] = [];
  const dashes: number[][] = [];
  const uses = new Map<string, number>();
  let fallback = 0;
  for (const key of keys) {
    let color = key.cell !== undefined ? CELL_COLORS[key.cell] : undefined;
    if (color === undefined && key.strategy !== undefined) color = strategyColor(key.strategy);
    if (color === undefined) color = FALLBACK_COLORS[fallback++ % FALLBACK_COLORS.length]!;
    const used = uses.get(color) ?? 0;
    uses.set(color, used + 1);
    labels.push(key.label);
    colors.push(color);
    dashes.push([...DASHES[used % DASHES.length]!]);
  }
  return { labels, colors, dashes };
}
