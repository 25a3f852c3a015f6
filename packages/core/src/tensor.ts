import { allocate, assertDType, dtypeOf, type DType, type TypedArray } from "./dtype";
import { backward, isRecording } from "./autograd";
import { brandTensorClass, isTensor } from "./brand";
import type { Random } from "./random";
import { checkShape, fmt, sameShape, sizeOf, stridesOf, type Shape } from "./shape";

/** What an op records on its output so that reverse mode can run: its inputs and its backward. */
export interface GradNode {
  /** The op's name, for error messages and debugging. */
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Given dL/d(output), returns dL/d(input) for each input (null where an input needs none). */
  readonly backward: (grad: Tensor) => readonly (Tensor | null)[];
}

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * An n-dimensional array of float32 or float64 values in row-major order.
 *
 * `data` is shared by views: `reshape` of a contiguous tensor, `transpose` and `slice` return tensors that
 * read the same buffer through their own `shape`, `strides` and `offset`. Kernels that need a dense buffer call
 * {@link Tensor.contiguous}, which is free when the tensor already is one.
 */
export class Tensor {
  // Recognisable by `isTensor` across copies of @vanish/core (see brand.ts), where `instanceof` is not.
  static {
    brandTensorClass(this);
  }

  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly size: number;
  readonly dtype: DType;
  /** Whether gradients flow to this tensor; leaves with `requiresGrad` collect them in {@link grad}. */
  requiresGrad: boolean;
  /** The accumulated gradient of a leaf after {@link backward}. */
  grad: Tensor | null = null;
  /** @internal The op that produced this tensor, when recorded for autodiff. */
  node: GradNode | null = null;

  constructor(data: TypedArray, shape: Shape, options: { strides?: Shape; offset?: number; requiresGrad?: boolean } = {}) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze(options.strides ? [...options.strides] : stridesOf(shape));
    this.offset = options.offset ?? 0;
    this.size = sizeOf(shape);
    this.dtype = dtypeOf(data);
    this.requiresGrad = options.requiresGrad ?? false;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** True when the elements sit densely in row-major order starting at `offset`. */
  isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== s) return false;
      s *= this.shape[i];
    }
    return true;
  }

  /** The element at a multi-index (negative indices count from the end). */
  get(...index: number[]): number {
    if (index.length !== this.rank) {
      throw new RangeError(`Tensor.get: expected ${this.rank} indices for shape ${fmt(this.shape)}, got ${index.length}`);
    }
    let p = this.offset;
    for (let i = 0; i < index.length; i++) {
      let k = index[i];
      const d = this.shape[i];
      if (!Number.isInteger(k) || k < -d || k >= d) {
        throw new RangeError(`Tensor.get: index ${i} must be an integer in [${-d}, ${d - 1}], got ${k}`);
      }
      if (k < 0) k += d;
      p += k * this.strides[i];
    }
    return this.data[p];
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new RangeError(`Tensor.item: tensor must have one element, got shape ${fmt(this.shape)}`);
    return this.data[this.offset];
  }

  /** A dense copy of the values, in row-major order, of this tensor's dtype. */
  toTypedArray(): TypedArray {
    const c = this.contiguous();
    return c.data.slice(c.offset, c.offset + this.size);
  }

  /** The values as nested arrays (a number for rank 0). */
  toArray(): NestedArray {
    const flat = this.contiguous();
    const data = flat.data;
    const build = (dim: number, start: number): NestedArray => {
      if (dim === this.rank) return data[flat.offset + start];
      const out: NestedArray[] = [];
      const stride = flat.strides[dim];
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, start + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** This tensor when dense, otherwise a dense copy (recorded for autodiff). */
  contiguous(): Tensor {
    if (this.isContiguous()) return this;
    return copyStrided(this);
  }

  /** A dense copy that does not share data and is not connected to the graph. */
  clone(): Tensor {
    const out = new Tensor(allocate(this.dtype, this.size), this.shape);
    stridedCopy(this, out.data);
    return out;
  }

  /** The same data without autodiff history. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, { strides: this.strides, offset: this.offset });
  }

  /** Runs reverse mode from this tensor; see {@link backward}. */
  backward(grad?: Tensor): void {
    backward(this, grad);
  }

  /** Sets {@link grad} back to null. */
  zeroGrad(): void {
    this.grad = null;
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${fmt(this.shape)})`;
  }
}

export type NestedArray = number | NestedArray[];

/** Copies a strided tensor into a dense array. */
export function stridedCopy(src: Tensor, dst: TypedArray, dstOffset = 0): void {
  const { shape, strides, data } = src;
  const rank = shape.length;
  if (src.size === 0) return;
  if (src.isContiguous()) {
    dst.set(data.subarray(src.offset, src.offset + src.size), dstOffset);
    return;
  }
  const index = new Array<number>(rank).fill(0);
  const last = rank - 1;
  const n = shape[last];
  const s = strides[last];
  let p = src.offset;
  let q = dstOffset;
  for (;;) {
    for (let i = 0, r = p; i < n; i++, r += s) dst[q++] = data[r];
    let d = last - 1;
    for (; d >= 0; d--) {
      index[d]++;
      p += strides[d];
      if (index[d] < shape[d]) break;
      p -= strides[d] * shape[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

function copyStrided(x: Tensor): Tensor {
  const out = x.clone();
  if (x.requiresGrad && isRecording()) {
    out.requiresGrad = true;
    out.node = { op: "contiguous", inputs: [x], backward: (g) => [g] };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Factories

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

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return String(v);
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

/** Throws a TypeError unless `x` is a Tensor. */
export function assertTensor(fn: string, arg: string, x: unknown): asserts x is Tensor {
  if (!isTensor(x, fn, arg)) throw new TypeError(`${fn}: ${arg} must be a Tensor, got ${describe(x)}`);
}

/** Throws unless two tensors share a dtype. */
export function assertSameDType(fn: string, a: Tensor, b: Tensor, names = ["a", "b"]): void {
  if (a.dtype !== b.dtype) {
    throw new TypeError(`${fn}: ${names[0]} and ${names[1]} must have the same dtype, got ${a.dtype} and ${b.dtype}`);
  }
}

export function assertShape(fn: string, arg: string, x: Tensor, shape: Shape): void {
  if (!sameShape(x.shape, shape)) throw new RangeError(`${fn}: ${arg} must have shape ${fmt(shape)}, got ${fmt(x.shape)}`);
}

