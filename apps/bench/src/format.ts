/**
 * A rate as people read it: thousands separated, three significant digits below 100
 * (12,345 · 2,205 · 41.7 · 6.31 · 0.606).
 */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString("en-US");
  return value.toPrecision(3);
}

/** A ratio: "5.2×" (one decimal from 1 to 100, two below 1, none above 100). */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return "–";
  if (ratio >= 100) return `${Math.round(ratio)}×`;
  if (ratio >= 1) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(2)}×`;
}

/** A relative spread (max − min)/median as "±x%", half the range: "±2%". */
export function formatSpread(spread: number): string {
  const half = (spread / 2) * 100;
  return `±${half < 10 ? half.toFixed(1) : Math.round(half)}%`;
}

/** A signed fraction as a percentage: "+3.1%", "−0.4%". */
export function formatPercent(fraction: number): string {
  const p = fraction * 100;
  const text = Math.abs(p) < 10 ? Math.abs(p).toFixed(1) : String(Math.round(Math.abs(p)));
  return `${p < 0 ? "−" : "+"}${text}%`;
}
