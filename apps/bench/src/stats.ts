/** What a set of timed samples comes down to: the median, the extremes and their relative range. */
export interface Summary {
  /** The middle value (the mean of the two middle values for an even count). */
  median: number;
  min: number;
  max: number;
  /** (max − min) / median: 0.04 means the samples span 4% of the median. */
  spread: number;
  /** How many samples. */
  n: number;
}

/** Median, min, max and relative spread of `values` (at least one finite number). */
export function summarize(values: readonly number[]): Summary {
  const fn = "summarize";
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError(`${fn}: values must be a non-empty array of numbers, got ${Array.isArray(values) ? "an empty array" : typeof values}`);
  }
  const bad = values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
  if (bad >= 0) throw new TypeError(`${fn}: values[${bad}] must be a finite number, got ${String(values[bad])}`);
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const min = sorted[0];
  const max = sorted[n - 1];
  return { median, min, max, spread: median === 0 ? 0 : (max - min) / median, n };
}
