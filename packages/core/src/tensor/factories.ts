// Tensor factories: from values, filled, ranges and seeded random draws.
import { allocate, assertDType, dtypeOf, type DType, type TypedArray } from "../dtype";
import type { Random } from "../random";
import { checkShape, fmt, sizeOf } from "../shape";
import { describe } from "./assertions";
import { Tensor } from "./Tensor";

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

type Values = number | readonly Values[];

/**
 * A tensor from nested number arrays, a typed array plus `shape`, or a single number.
 *
 * @example
 * tensor([[1, 2], [3, 4]]).shape;                                   // [2, 2]
 * tensor(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }).dtype;  // "float64"
 */
export function tensor(
  values: Values | TypedArray | readonly number[],
  options: TensorOptions & { shape?: readonly number[] } = {},
): Tensor {
  const fn = "tensor";
  if (options.dtype !== undefined) assertDType(fn, "options.dtype", options.dtype);
  if (values instanceof Float32Array || values instanceof Float64Array) {
    const dtype = options.dtype ?? dtypeOf(values);
    const shape = options.shape ? checkShape(fn, "options.shape", options.shape) : [values.length];
    if (sizeOf(shape) !== values.length) {
      throw new RangeError(`${fn}: options.shape ${fmt(shape)} holds ${sizeOf(shape)} values, but the array has ${values.length}`);
    }
    const data = dtype === dtypeOf(values) ? values : allocate(dtype, values.length);
    if (data !== values) data.set(values);
    return new Tensor(data, shape, { requiresGrad: options.requiresGrad });
  }
  if (ArrayBuffer.isView(values)) {
    throw new TypeError(`${fn}: values must be a Float32Array, a Float64Array or nested number arrays, got ${values.constructor.name}`);
  }
  const shape: number[] = [];
  let probe: unknown = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const size = sizeOf(shape);
  const data = allocate(options.dtype ?? "float32", size);
  let k = 0;
  const fill = (v: unknown, dim: number, path: number[]): void => {
    if (dim === shape.length) {
      if (typeof v !== "number") {
        throw new TypeError(`${fn}: values${path.map((i) => `[${i}]`).join("")} must be a number, got ${describe(v)}`);
      }
      data[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new RangeError(
        `${fn}: values${path.map((i) => `[${i}]`).join("")} must be an array of length ${shape[dim]} (ragged arrays are not allowed), got ${describe(v)}`,
      );
    }
    for (let i = 0; i < v.length; i++) fill(v[i], dim + 1, [...path, i]);
  };
  fill(values, 0, []);
  const t = new Tensor(data, shape, { requiresGrad: options.requiresGrad });
  if (options.shape) {
    const target = checkShape(fn, "options.shape", options.shape);
    if (sizeOf(target) !== size) {
      throw new RangeError(`${fn}: options.shape ${fmt(target)} holds ${sizeOf(target)} values, but values have ${size}`);
    }
    return new Tensor(data, target, { requiresGrad: options.requiresGrad });
  }
  return t;
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  checkShape("full", "shape", shape);
  if (options.dtype !== undefined) assertDType("full", "options.dtype", options.dtype);
  if (typeof value !== "number") throw new TypeError(`full: value must be a number, got ${describe(value)}`);
  const data = allocate(options.dtype ?? "float32", sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape, { requiresGrad: options.requiresGrad });
}

export function zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

export function zerosLike(x: Tensor): Tensor {
  return new Tensor(allocate(x.dtype, x.size), x.shape);
}

/** `[start, start + step, …]` up to but excluding `stop`; `arange(n)` counts 0..n-1. */
export function arange(start: number, stop?: number, step = 1, options: TensorOptions = {}): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [name, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`arange: ${name} must be a finite number, got ${v}`);
  }
  if (step === 0) throw new RangeError("arange: step must not be 0");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(options.dtype ?? "float32", n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n], { requiresGrad: options.requiresGrad });
}

function checkRng(fn: string, rng: unknown): asserts rng is Random {
  if (!rng || typeof (rng as Random).uniform !== "function" || typeof (rng as Random).normal !== "function") {
    throw new TypeError(`${fn}: rng must be a Random (e.g. new Random(42)), got ${describe(rng)}`);
  }
}

/** Uniform values in [low, high) from `rng`. */
export function rand(
  shape: readonly number[],
  rng: Random,
  options: TensorOptions & { low?: number; high?: number } = {},
): Tensor {
  checkShape("rand", "shape", shape);
  checkRng("rand", rng);
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) {
    throw new RangeError(`rand: options.low and options.high must be finite with low <= high, got low=${low}, high=${high}`);
  }
  const t = zeros(shape, options);
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = low + (high - low) * rng.uniform();
  return t;
}

/** Normal values N(mean, std²) from `rng`. */
export function randn(
  shape: readonly number[],
  rng: Random,
  options: TensorOptions & { mean?: number; std?: number } = {},
): Tensor {
  checkShape("randn", "shape", shape);
  checkRng("randn", rng);
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
    throw new RangeError(`randn: options.mean must be finite and options.std finite and >= 0, got mean=${mean}, std=${std}`);
  }
  const t = zeros(shape, options);
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = rng.normal(mean, std);
  return t;
}

