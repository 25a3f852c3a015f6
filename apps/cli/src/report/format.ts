// How the report writes numbers in sentences: measured values, never typed in by hand.

/** A fraction as a percentage with one decimal: 0.8734 → "87.3%"; NaN → "n/a". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "n/a";
  return `${(fraction * 100).toFixed(1)}%`;
}

/**
 * A measured number with `digits` significant digits (default 3): plain between 1e-3 and 1e5 ("0.0261", "14.2",
 * "1,620"), scientific outside ("8.1e-21"); NaN and ±∞ spelled out.
 */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "-∞";
  if (value === 0) return "0";
  const magnitude = Math.abs(Number(value.toPrecision(digits)));
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split("e");
    return `${mantissa!.replace(/\.?0+$/, "")}e${exponent!.replace("+", "")}`;
  }
  const rounded = Number(value.toPrecision(digits));
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(rounded))));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: decimals, useGrouping: true });
}

/** An integer count with thousands separators: 12500 → "12,500". */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
