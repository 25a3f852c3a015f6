// Checks shared by the run-config resolvers. Each throws a ConfigError whose path names the key (e.g.
// `config.optimizer.lr`) and whose reason lists the valid values and shows what was received.
import { ConfigError } from "./configError";

/** Renders a received value for an error message. */
export function show(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** `"a", "b", "c"` */
export function listOf(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v))).join(", ");
}

export function fail(kind: ConfigError["kind"], path: string, reason: string): never {
  throw new ConfigError(path, reason, kind);
}

/** Rethrows another module's TypeError or RangeError about the value at `path` as a ConfigError quoting it whole. */
export function failWith(path: string, e: unknown, suffix = ""): never {
  if (e instanceof TypeError || e instanceof RangeError) fail(e instanceof TypeError ? "type" : "range", path, `is invalid: ${e.message}${suffix}`);
  throw e;
}

/** Throws a TypeError naming the first key of `o` that is not in `known`, with the valid keys. */
export function keysOf(where: string, o: object, known: readonly string[], context = ""): void {
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) fail("type", `${where}.${key}`, `is not a known key${context ? ` ${context}` : ""}; valid keys: ${known.join(", ")}`);
  }
}

/** `v` if it is one of `values`, else a TypeError listing them. */
export function oneOf<const T>(where: string, v: unknown, values: readonly T[]): T {
  if (!values.includes(v as T)) fail("type", where, `must be one of ${listOf(values)}, got ${show(v)}`);
  return v as T;
}

/**
 * An integer in [`min`, `max`] (by default at most 2^53 − 1: a larger number is not exactly representable, so two
 * different values typed by a user would silently become the same one).
 */
export function intAtLeast(where: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER, why = "the largest exact integer"): number {
  if (typeof v !== "number" || !Number.isInteger(v)) fail("type", where, `must be an integer >= ${min}, got ${show(v)}`);
  if (v < min) fail("range", where, `must be an integer >= ${min}, got ${v}`);
  if (v > max) fail("range", where, `must be at most ${max} (${why}), got ${v}`);
  return v;
}

/** A finite number (> `min` when `min` is given). */
export function finite(where: string, v: unknown, min = -Infinity): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail("type", where, `must be a finite number, got ${show(v)}`);
  if (!(v > min)) fail("range", where, `must be a number > ${min}, got ${v}`);
  return v;
}

/** A plain object (not null, not an array). */
export function plainObject(where: string, v: unknown, example: string): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail("type", where, `must be an object like ${example}, got ${show(v)}`);
  return v as Record<string, unknown>;
}
