// Log axes with ticks at powers of ten labelled 10⁻³, 10⁰… (Vega's default log labels are a crowd of 2, 3, 5…).

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** `10^k` as text: "1", "10", "10²", "10⁻²¹". */
export function powerOfTenLabel(k: number): string {
  if (k === 0) return "1";
  if (k === 1) return "10";
  return `10${[...String(k)].map((c) => SUPERSCRIPT[c]).join("")}`;
}

/** A log scale's domain, tick values and tick label expression. */
export interface LogAxis {
  /** [10^lo, 10^hi]: whole decades around the data. */
  readonly domain: [number, number];
  /** Powers of ten inside the domain, at most `maxTicks` of them (every d-th decade when the range is wide). */
  readonly ticks: number[];
  /** A Vega expression mapping each tick value to its {@link powerOfTenLabel}. */
  readonly labelExpr: string;
}

/**
 * The log axis for `values`, using only their positive finite entries; with none, the domain is [0.1, 10].
 * Tick values are written as `1e-21` literals so they compare exactly with the label expression's constants.
 */
export function logAxis(values: Iterable<number>, maxTicks = 8): LogAxis {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v) && v > 0) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  let lo: number;
  let hi: number;
  if (min === Infinity) {
    lo = -1;
    hi = 1;
  } else {
    lo = Math.floor(Math.log10(min) + 1e-9);
    hi = Math.ceil(Math.log10(max) - 1e-9);
    if (hi <= lo) {
      lo -= 1;
      hi += 1;
    }
  }
  const every = Math.max(1, Math.ceil((hi - lo) / (maxTicks - 1)));
  const exponents: number[] = [];
  for (let k = hi; k >= lo; k -= every) exponents.unshift(k);
  const ticks = exponents.map((k) => Number(`1e${k}`));
  const labelExpr = exponents
    .map((k) => `datum.value === 1e${k} ? '${powerOfTenLabel(k)}' : `)
    .join("")
    .concat("datum.label");
  return { domain: [Number(`1e${lo}`), Number(`1e${hi}`)], ticks, labelExpr };
}
