// A small multi-line chart for terminals: a y axis with three labels, one glyph per series, and the same visible
// marks for what cannot be drawn as in the Vega-Lite charts (× at the top for NaN/±∞, ▼ at the bottom for ≤ 0 on
// a log scale).
import { checkSeries } from "../data/seriesRows";
import { describe } from "../data/validate";
import type { Series } from "../types";

export interface AsciiChartOptions {
  /** Plot columns (default 60). */
  readonly width?: number;
  /** Plot rows (default 10, at least 3). */
  readonly height?: number;
  /** Log y scale (default false). */
  readonly log?: boolean;
  /** A first line above the chart. */
  readonly title?: string;
}

const GLYPHS = ["●", "○", "◆", "◇", "■", "□", "▲", "△"];

/** A number in at most 8 characters: 0.123, 45.6, 1.2e-5. */
function formatTick(v: number): string {
  const a = Math.abs(v);
  if (v === 0) return "0";
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace("e+", "e");
  return String(Number(v.toPrecision(3)));
}

/**
 * Draws one or more series (or a plain array of numbers) as text, x = `steps` (default the index), with a legend
 * line under the x axis. Neighbouring drawable points are joined across the columns between them; when several
 * points share a column, the last one drawn wins.
 *
 * @example
 * console.log(asciiChart([{ label: "loss", values: losses }], { height: 6, title: "loss" }));
 */
export function asciiChart(series: readonly Series[] | readonly number[], options: AsciiChartOptions = {}): string {
  const fn = "asciiChart";
  const list: unknown = Array.isArray(series) && series.every((v) => typeof v === "number") && series.length > 0
    ? [{ label: "values", values: series }]
    : series;
  const checked = checkSeries(fn, list, (i) => i);
  if (checked.length > GLYPHS.length) {
    throw new RangeError(`${fn}: series must hold at most ${GLYPHS.length} series, got ${checked.length}`);
  }
  const width = options.width ?? 60;
  const height = options.height ?? 10;
  if (!Number.isInteger(width) || width < 2) throw new RangeError(`${fn}: options.width must be an integer ≥ 2, got ${describe(width)}`);
  if (!Number.isInteger(height) || height < 3) throw new RangeError(`${fn}: options.height must be an integer ≥ 3, got ${describe(height)}`);
  const log = options.log === true;
  const lines: string[] = options.title === undefined ? [] : [options.title];

  let xlo = Infinity;
  let xhi = -Infinity;
  let ylo = Infinity;
  let yhi = -Infinity;
  for (const s of checked) {
    s.steps.forEach((x, i) => {
      xlo = Math.min(xlo, x);
      xhi = Math.max(xhi, x);
      const v = s.values[i]!;
      if (Number.isFinite(v) && (!log || v > 0)) {
        const y = log ? Math.log10(v) : v;
        ylo = Math.min(ylo, y);
        yhi = Math.max(yhi, y);
      }
    });
  }
  if (xlo === Infinity) return [...lines, "(no data)"].join("\n");
  if (ylo === Infinity) {
    ylo = 0;
    yhi = 1;
  }
  if (yhi === ylo) {
    ylo -= 0.5;
    yhi += 0.5;
  }
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => " "));
  const column = (x: number) => (xhi === xlo ? 0 : Math.round(((x - xlo) / (xhi - xlo)) * (width - 1)));
  const row = (y: number) => height - 1 - Math.round(((y - ylo) / (yhi - ylo)) * (height - 1));
  const drawable = (v: number) => Number.isFinite(v) && (!log || v > 0);
  checked.forEach((s, k) => {
    s.values.forEach((v, i) => {
      const c = column(s.steps[i]!);
      if (!Number.isFinite(v)) grid[0]![c] = "×";
      else if (log && v <= 0) grid[height - 1]![c] = "▼";
      else {
        const y = log ? Math.log10(v) : v;
        grid[row(y)]![c] = GLYPHS[k]!;
        // Join this point to the next drawable one across the columns between them, so that only real gaps
        // (undrawable values) leave holes.
        const next = s.values[i + 1];
        if (next !== undefined && drawable(next)) {
          const c1 = column(s.steps[i + 1]!);
          const y1 = log ? Math.log10(next) : next;
          for (let cc = c + 1; cc < c1; cc++) grid[row(y + ((y1 - y) * (cc - c)) / (c1 - c))]![cc] = GLYPHS[k]!;
        }
      }
    });
  });
  const tick = (y: number) => formatTick(log ? 10 ** y : y);
  const labels = [tick(yhi), tick((ylo + yhi) / 2), tick(ylo)];
  const pad = Math.max(...labels.map((l) => l.length));
  const mid = Math.floor((height - 1) / 2);
  grid.forEach((row, r) => {
    const label = r === 0 ? labels[0]! : r === mid ? labels[1]! : r === height - 1 ? labels[2]! : "";
    const tickMark = label === "" ? "│" : "┤";
    lines.push(`${label.padStart(pad)} ${tickMark}${row.join("")}`);
  });
  lines.push(`${" ".repeat(pad)} └${"─".repeat(width)}`);
  const left = formatTick(xlo);
  const right = formatTick(xhi);
  lines.push(`${" ".repeat(pad + 2)}${left}${right.padStart(Math.max(1, width - left.length))}`);
  const legend = checked.map((s, k) => `${GLYPHS[k]} ${s.label}`);
  const anyNonFinite = checked.some((s) => s.values.some((v) => !Number.isFinite(v)));
  const anyNonPositive = log && checked.some((s) => s.values.some((v) => Number.isFinite(v) && v <= 0));
  if (anyNonFinite) legend.push("× non-finite");
  if (anyNonPositive) legend.push("▼ ≤ 0 (off the log scale)");
  if (log) legend.push("(log scale)");
  lines.push(`${" ".repeat(pad + 2)}${legend.join("  ")}`);
  return lines.join("\n");
}
