import { formatNumber } from "./format";

/** Mean and (sample, n − 1) standard deviation; the deviation is 0 for one value. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: 0 };
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}

/** One value as is, several as "mean ± std" (the count of seeds is said elsewhere). */
export function formatMeanStd(values: readonly number[], format: (v: number) => string = (v) => formatNumber(v)): string {
  const { mean, std } = meanStd(values);
  return values.length === 1 ? format(mean) : `${format(mean)} ± ${format(std)}`;
}
