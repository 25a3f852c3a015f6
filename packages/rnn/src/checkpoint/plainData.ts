import { describe } from "../describe";

/** JSON-safe plain data: null, booleans, numbers (non-finite ones too), strings, arrays and plain objects. */
export type PlainData = null | boolean | number | string | PlainData[] | { [key: string]: PlainData };

/** How a non-finite number is written, since JSON has none: `{"$float": "Infinity"}`. */
const FLOAT = "$float";

/**
 * Encodes caller-owned state (e.g. a clipping strategy's history) for JSON, refusing anything JSON would lose
 * silently (functions, class instances, typed arrays, undefined, BigInt, cycles). The error names the path.
 */
export function encodePlain(fn: string, path: string, value: unknown, seen: Set<object> = new Set()): PlainData {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { [FLOAT]: String(value) };
  if (Array.isArray(value)) {
    guardCycle(fn, path, value, seen);
    const out = value.map((v, i) => encodePlain(fn, `${path}[${i}]`, v, seen));
    seen.delete(value);
    return out;
  }
  if (typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    guardCycle(fn, path, value, seen);
    const out: { [key: string]: PlainData } = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodePlain(fn, `${path}.${k}`, v, seen);
    seen.delete(value);
    return out;
  }
  throw new TypeError(`${fn}: ${path} must be plain data (null, boolean, number, string, array or plain object), got ${describe(value)}`);
}

function guardCycle(fn: string, path: string, value: object, seen: Set<object>): void {
  if (seen.has(value)) throw new TypeError(`${fn}: ${path} refers back to itself (a cycle), which JSON cannot hold`);
  seen.add(value);
}

/** The inverse of {@link encodePlain}. */
export function decodePlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodePlain);
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === FLOAT) return Number((value as Record<string, string>)[FLOAT]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodePlain(v)]));
  }
  return value;
}
