// Turns validated series into the flat rows Vega-Lite draws. Values a chart cannot place become `y: null` (which
// breaks the line, leaving a visible gap) plus a `flag` that a marker layer draws on the plot's edge.
import type { CellType, Series } from "../types";
import {
  expectArray,
  expectNumbers,
  expectObject,
  expectOptionalCell,
  expectOptionalString,
  expectSameLength,
  expectFiniteNumbers,
  expectString,
  expectUniqueLabels,
} from "./validate";

/** Why a value is not drawn as a point: non-finite (NaN, ±∞), or zero/negative on a log axis. */
export type Flag = "ok" | "nonFinite" | "nonPositive";

/** One drawable row. `value` keeps the raw number as text for tooltips, since JSON has no NaN or Infinity. */
export interface Row {
  label: string;
  x: number;
  y: number | null;
  flag: Flag;
  value: string;
  /** A finite point with no drawable neighbour: a line cannot show it, so a point layer does. */
  isolated: boolean;
}

/** A series after validation, with its x positions filled in. */
export interface CheckedSeries {
  readonly label: string;
  readonly cell?: CellType;
  readonly strategy?: string;
  readonly values: readonly number[];
  readonly steps: readonly number[];
}

/** The flag of one value. */
export function flagOf(value: number, log: boolean): Flag {
  if (!Number.isFinite(value)) return "nonFinite";
  if (log && value <= 0) return "nonPositive";
  return "ok";
}

/** The text of a value for tooltips: numbers with 4 significant digits, and "NaN", "Infinity", "-Infinity". */
export function valueText(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

/**
 * Validates `series` (an array of {@link Series}) for chart `fn`; `defaultStep(i)` gives the x of `values[i]` when
 * a series has no `steps`.
 */
export function checkSeries(fn: string, series: unknown, defaultStep: (i: number) => number): CheckedSeries[] {
  const list = expectArray(fn, "series", series, "{ label, values }");
  const checked = list.map((item, s): CheckedSeries => {
    const o = expectObject(fn, `series[${s}]`, item, "an object { label, values, cell?, strategy?, steps? }");
    const label = expectString(fn, `series[${s}].label`, o.label);
    const values = expectNumbers(fn, `series[${s}].values`, o.values);
    let steps: readonly number[];
    if (o.steps === undefined) {
      steps = values.map((_, i) => defaultStep(i));
    } else {
      steps = expectFiniteNumbers(fn, `series[${s}].steps`, o.steps);
      expectSameLength(fn, `series[${s}].steps`, steps.length, `series[${s}].values`, values.length);
    }
    const cell = expectOptionalCell(fn, `series[${s}].cell`, o.cell);
    const strategy = expectOptionalString(fn, `series[${s}].strategy`, o.strategy);
    return { label, values, steps, ...(cell === undefined ? {} : { cell }), ...(strategy === undefined ? {} : { strategy }) };
  });
  expectUniqueLabels(fn, "series", checked.map((c) => c.label));
  return checked;
}

/** The rows of every series, in order. */
export function seriesRows(series: readonly CheckedSeries[], log: boolean): Row[] {
  const rows: Row[] = [];
  for (const s of series) {
    const n = s.values.length;
    for (let i = 0; i < n; i++) {
      const v = s.values[i]!;
      const flag = flagOf(v, log);
      const drawable = (j: number) => j >= 0 && j < n && flagOf(s.values[j]!, log) === "ok";
      rows.push({
        label: s.label,
        x: s.steps[i]!,
        y: flag === "ok" ? v : null,
        flag,
        value: valueText(v),
        isolated: flag === "ok" && !drawable(i - 1) && !drawable(i + 1),
      });
    }
  }
  return rows;
}

/** Counts of rows that could not be drawn, for subtitles: `{ nonFinite, nonPositive }`. */
export function countFlags(rows: readonly { flag: Flag }[]): { nonFinite: number; nonPositive: number } {
  let nonFinite = 0;
  let nonPositive = 0;
  for (const r of rows) {
    if (r.flag === "nonFinite") nonFinite++;
    else if (r.flag === "nonPositive") nonPositive++;
  }
  return { nonFinite, nonPositive };
}
