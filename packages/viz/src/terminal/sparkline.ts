// One-line charts for terminals (Zach Holman's "spark" idea with Unicode block elements U+2581–U+2588).
import { describe, expectNumbers } from "../data/validate";

const BARS = "▁▂▃▄▅▆▇█";
/** Drawn for NaN/±∞ (and for zero or negative values on a log scale), so gaps stay visible. */
export const SPARK_NON_FINITE = "×";
export const SPARK_NON_POSITIVE = "·";

export interface SparklineOptions {
  /** At most this many characters: longer input is averaged into equal buckets (default: one per value). */
  readonly width?: number;
  /** Log scale, for gradient norms that span decades (default false). */
  readonly log?: boolean;
  /** Fix the scale instead of using the data's range (e.g. 0 and 1 for accuracy). */
  readonly min?: number;
  readonly max?: number;
}

/**
 * A sparkline: one block character per value (or per bucket), lowest ▁ to highest █. NaN/±∞ show as ×, and on a log
 * scale values ≤ 0 show as ·; a bucket holding any of these shows that mark. Empty input gives "".
 *
 * @example
 * sparkline([1, 2, 3, NaN, 2]); // "▁▄█×▄"
 */
export function sparkline(values: readonly number[], options: SparklineOptions = {}): string {
  const fn = "sparkline";
  const xs = expectNumbers(fn, "values", values);
  const log = options.log === true;
  const width = options.width ?? Math.max(1, xs.length);
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`${fn}: options.width must be a positive integer, got ${describe(options.width)}`);
  }
  if (xs.length === 0) return "";
  // Bucket b covers values [floor(b·n/w), floor((b+1)·n/w)).
  const n = xs.length;
  const buckets = Math.min(width, n);
  const marks: (number | string)[] = [];
  for (let bkt = 0; bkt < buckets; bkt++) {
    const from = Math.floor((bkt * n) / buckets);
    const to = Math.floor(((bkt + 1) * n) / buckets);
    let sum = 0;
    let mark: string | undefined;
    for (let i = from; i < to; i++) {
      const v = xs[i]!;
      if (!Number.isFinite(v)) mark = SPARK_NON_FINITE;
      else if (log && v <= 0) mark ??= SPARK_NON_POSITIVE;
      else sum += log ? Math.log10(v) : v;
    }
    marks.push(mark ?? sum / (to - from));
  }
  const scaled = (v: number | undefined) => (v === undefined ? undefined : log ? Math.log10(v) : v);
  let lo = scaled(options.min) ?? Infinity;
  let hi = scaled(options.max) ?? -Infinity;
  if (options.min === undefined || options.max === undefined) {
    for (const m of marks) {
      if (typeof m !== "number") continue;
      if (options.min === undefined && m < lo) lo = m;
      if (options.max === undefined && m > hi) hi = m;
    }
  }
  return marks
    .map((m) => {
      if (typeof m === "string") return m;
      if (!(hi > lo)) return BARS[3]!;
      const k = Math.round(((m - lo) / (hi - lo)) * (BARS.length - 1));
      return BARS[Math.min(BARS.length - 1, Math.max(0, k))]!;
    })
    .join("");
}
