// Input checks shared by the charts. Each error names the chart function, the argument path, what was expected
// and what was received; messages are built only on failure.
import type { CellType } from "../types";

const CELLS: readonly CellType[] = ["rnn_tanh", "rnn_relu", "lstm", "gru"];

/** A short description of a received value for error messages: `string "x"`, `array(3)`, `null`, `object`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return `number ${value}`;
  return typeof value;
}

export function expectArray(fn: string, path: string, value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${fn}: ${path} must be an array of ${what}, got ${describe(value)}`);
  return value;
}

export function expectObject(fn: string, path: string, value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${fn}: ${path} must be ${what}, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export function expectString(fn: string, path: string, value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`${fn}: ${path} must be a string, got ${describe(value)}`);
  return value;
}

/** A number (NaN and ±Infinity allowed: the charts draw them as marked gaps). */
export function expectNumber(fn: string, path: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`${fn}: ${path} must be a number, got ${describe(value)}`);
  return value;
}

/** A finite number, for positions such as steps and grid coordinates that cannot be drawn as gaps. */
export function expectFinite(fn: string, path: string, value: unknown): number {
  const x = expectNumber(fn, path, value);
  if (!Number.isFinite(x)) throw new RangeError(`${fn}: ${path} must be finite, got ${x}`);
  return x;
}

export function expectBoolean(fn: string, path: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${fn}: ${path} must be a boolean, got ${describe(value)}`);
  return value;
}

/** An array of numbers (non-finite allowed). */
export function expectNumbers(fn: string, path: string, value: unknown): readonly number[] {
  const xs = expectArray(fn, path, value, "numbers");
  for (let i = 0; i < xs.length; i++) {
    if (typeof xs[i] !== "number") throw new TypeError(`${fn}: ${path}[${i}] must be a number, got ${describe(xs[i])}`);
  }
  return xs as readonly number[];
}

/** An array of finite numbers. */
export function expectFiniteNumbers(fn: string, path: string, value: unknown): readonly number[] {
  const xs = expectNumbers(fn, path, value);
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) throw new RangeError(`${fn}: ${path}[${i}] must be finite, got ${xs[i]}`);
  }
  return xs;
}

export function expectSameLength(fn: string, path: string, length: number, otherPath: string, otherLength: number): void {
  if (length !== otherLength) {
    throw new RangeError(`${fn}: ${path} must have the same length as ${otherPath} (${otherLength}), got ${length}`);
  }
}

export function expectOptionalCell(fn: string, path: string, value: unknown): CellType | undefined {
  if (value === undefined) return undefined;
  if (!CELLS.includes(value as CellType)) {
    throw new TypeError(`${fn}: ${path} must be one of ${CELLS.join(", ")}, got ${describe(value)}`);
  }
  return value as CellType;
}

export function expectOptionalString(fn: string, path: string, value: unknown): string | undefined {
  return value === undefined ? undefined : expectString(fn, path, value);
}

/** Labels name legend entries, so two series may not share one. */
export function expectUniqueLabels(fn: string, path: string, labels: readonly string[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < labels.length; i++) {
    if (seen.has(labels[i]!)) {
      throw new RangeError(`${fn}: ${path}[${i}].label must be unique, got ${JSON.stringify(labels[i])} twice`);
    }
    seen.add(labels[i]!);
  }
}

/** A positive size option such as width or height. */
export function expectPositiveOption(fn: string, path: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const x = expectNumber(fn, path, value);
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`${fn}: ${path} must be a positive number, got ${x}`);
  return x;
}
