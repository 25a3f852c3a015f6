// Argument checks shared by every public function. Messages name the function, the argument, what was expected and
// what was received, and are built only when a check fails.

/** An inclusive integer range `[min, max]`. */
export type IntRange = readonly [number, number];

/** A number or an inclusive range, as accepted by configuration overrides (`5` means `[5, 5]`). */
export type IntRangeLike = number | readonly [number, number];

/** Renders a received value for an error message (short, JSON-like, never throws). */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined)
    return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value))
    return value.length > 8 ? `[${value.slice(0, 8).map(show).join(", ")}, …]` : `[${value.map(show).join(", ")}]`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
  if (typeof value === "function") return "a function";
  return "an object";
}

/** Throws unless `value` is an integer in `[min, max]` (TypeError for a non-integer, RangeError outside). */
export function checkInt(fn: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${fn}: ${name} must be an integer, got ${show(value)}`);
  }
  if (value < min || value > max) throw new RangeError(`${fn}: ${name} must be in ${bounds(min, max)}, got ${value}`);
  return value;
}

/** Throws unless `value` is a finite number in `[min, max]`. */
export function checkNumber(fn: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${fn}: ${name} must be a finite number, got ${show(value)}`);
  }
  if (value < min || value > max) throw new RangeError(`${fn}: ${name} must be in ${bounds(min, max)}, got ${value}`);
  return value;
}

/** Throws unless `value` is one of `options`. */
export function checkOneOf<T extends string | number>(
  fn: string,
  name: string,
  value: unknown,
  options: readonly T[],
): T {
  if (!options.includes(value as T)) {
    throw new TypeError(`${fn}: ${name} must be one of ${options.map(show).join(", ")}, got ${show(value)}`);
  }
  return value as T;
}

/** Normalises `n` or `[min, max]` to a checked inclusive range inside `[lo, hi]`. */
export function checkRange(fn: string, name: string, value: unknown, lo = -Infinity, hi = Infinity): IntRange {
  if (typeof value === "number") {
    checkInt(fn, name, value, lo, hi);
    return [value, value];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new TypeError(`${fn}: ${name} must be an integer or an inclusive range [min, max], got ${show(value)}`);
  }
  checkInt(fn, `${name}[0]`, value[0], lo, hi);
  checkInt(fn, `${name}[1]`, value[1], lo, hi);
  if (value[0] > value[1]) throw new RangeError(`${fn}: ${name} must have min ≤ max, got [${value[0]}, ${value[1]}]`);
  return [value[0], value[1]];
}

function bounds(min: number, max: number): string {
  if (max === Infinity) return `[${min}, ∞)`;
  if (min === -Infinity) return `(−∞, ${max}]`;
  return `[${min}, ${max}]`;
}
