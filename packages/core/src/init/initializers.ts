import { allocate, type DType } from "../dtype";
import type { Random } from "../random";
import { checkShape, fmt, sizeOf } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { rand, randn } from "../tensor/factories";
import { fans } from "./fans";

export interface InitOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

function positive(fn: string, arg: string, v: number): number {
  if (!(v > 0 && v < Infinity)) throw new RangeError(`${fn}: ${arg} must be a finite number > 0, got ${v}`);
  return v;
}

/**
 * U(−bound, bound). PyTorch initialises every RNN/LSTM/GRU weight and bias this way with
 * bound = 1/√hidden_size, and `nn.Linear` with bound = 1/√fan_in: pass `bound` or `fan`.
 */
export function uniformInit(shape: readonly number[], rng: Random, options: InitOptions & { bound?: number; fan?: number } = {}): Tensor {
  checkShape("uniformInit", "shape", shape);
  const bound = options.bound ?? 1 / Math.sqrt(positive("uniformInit", "options.fan", options.fan ?? fans(shape).fanIn));
  return rand(shape, rng, { low: -bound, high: bound, dtype: options.dtype, requiresGrad: options.requiresGrad });
}

/** Xavier/Glorot uniform (Glorot & Bengio 2010): bound = gain·√(6 / (fan_in + fan_out)). */
export function xavierUniform(shape: readonly number[], rng: Random, options: InitOptions & { gain?: number } = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  const bound = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return rand(shape, rng, { low: -bound, high: bound, dtype: options.dtype, requiresGrad: options.requiresGrad });
}

/** Xavier/Glorot normal: std = gain·√(2 / (fan_in + fan_out)). */
export function xavierNormal(shape: readonly number[], rng: Random, options: InitOptions & { gain?: number } = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  const std = (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut));
  return randn(shape, rng, { std, dtype: options.dtype, requiresGrad: options.requiresGrad });
}

export type Nonlinearity = "linear" | "sigmoid" | "tanh" | "relu" | "leaky_relu";

/** PyTorch's `calculate_gain`. */
export function calculateGain(nonlinearity: Nonlinearity, param = 0.01): number {
  switch (nonlinearity) {
    case "linear":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leaky_relu":
      return Math.sqrt(2 / (1 + param * param));
    default:
      throw new TypeError(
        `calculateGain: nonlinearity must be one of "linear", "sigmoid", "tanh", "relu", "leaky_relu", got ${JSON.stringify(nonlinearity)}`,
      );
  }
}

export interface KaimingOptions extends InitOptions {
  /** Negative slope for leaky_relu (PyTorch's `a`, default 0). */
  a?: number;
  mode?: "fanIn" | "fanOut";
  nonlinearity?: Nonlinearity;
}

function kaimingScale(fn: string, shape: readonly number[], o: KaimingOptions): number {
  const { fanIn, fanOut } = fans(shape);
  const mode = o.mode ?? "fanIn";
  if (mode !== "fanIn" && mode !== "fanOut") throw new TypeError(`${fn}: options.mode must be "fanIn" or "fanOut", got ${JSON.stringify(mode)}`);
  const gain = calculateGain(o.nonlinearity ?? "leaky_relu", o.a ?? 0);
  return gain / Math.sqrt(mode === "fanIn" ? fanIn : fanOut);
}

/** Kaiming/He uniform (He et al. 2015): bound = gain·√(3 / fan). */
export function kaimingUniform(shape: readonly number[], rng: Random, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingScale("kaimingUniform", shape, options);
  return rand(shape, rng, { low: -bound, high: bound, dtype: options.dtype, requiresGrad: options.requiresGrad });
}

/** Kaiming/He normal: std = gain / √fan. */
export function kaimingNormal(shape: readonly number[], rng: Random, options: KaimingOptions = {}): Tensor {
  return randn(shape, rng, { std: kaimingScale("kaimingNormal", shape, options), dtype: options.dtype, requiresGrad: options.requiresGrad });
}

/**
 * N(0, (scale/√n)²) with n = fan_in by default (for W_hh `[H, H]`, n = H). For large H the spectral radius of
 * such a matrix is close to `scale` (circular law), which sets how fast gradients shrink or grow through time.
 */
export function scaledNormal(shape: readonly number[], rng: Random, options: InitOptions & { scale?: number; n?: number } = {}): Tensor {
  const n = positive("scaledNormal", "options.n", options.n ?? fans(shape).fanIn);
  const scale = options.scale ?? 1;
  if (!(scale >= 0 && scale < Infinity)) throw new RangeError(`scaledNormal: options.scale must be finite and >= 0, got ${scale}`);
  return randn(shape, rng, { std: scale / Math.sqrt(n), dtype: options.dtype, requiresGrad: options.requiresGrad });
}

/** scale·I (rectangular shapes get ones on the main diagonal): the IRNN initialisation (Le et al. 2015). */
export function identityInit(shape: readonly number[], options: InitOptions & { scale?: number } = {}): Tensor {
  checkShape("identityInit", "shape", shape);
  if (shape.length !== 2) throw new RangeError(`identityInit: shape must be 2-D, got ${fmt(shape)}`);
  const scale = options.scale ?? 1;
  const data = allocate(options.dtype ?? "float32", sizeOf(shape));
  for (let i = 0; i < Math.min(shape[0], shape[1]); i++) data[i * shape[1] + i] = scale;
  return new Tensor(data, shape, { requiresGrad: options.requiresGrad });
}

/**
 * A (semi-)orthogonal matrix (Saxe et al. 2014), as PyTorch's `orthogonal_`: the Q of a Householder QR of a
 * standard normal matrix, with signs fixed by R's diagonal so the result is uniformly distributed. Trailing
 * dimensions are flattened (`[rows, cols]` = `[shape[0], prod(shape[1:])]`). Cost O(rows·cols²), no iterations.
 */
export function orthogonal(shape: readonly number[], rng: Random, options: InitOptions & { gain?: number } = {}): Tensor {
  checkShape("orthogonal", "shape", shape);
  if (shape.length < 2) throw new RangeError(`orthogonal: shape must have at least 2 dimensions, got ${fmt(shape)}`);
  const rows = shape[0];
  const cols = sizeOf(shape.slice(1));
  const gain = options.gain ?? 1;
  // Work on the tall orientation m×n with m >= n.
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  const a = new Float64Array(m * n);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  const q = householderQ(a, m, n);
  const out = allocate(options.dtype ?? "float32", rows * cols);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const v = gain * q[i * n + j];
      if (tall) out[i * cols + j] = v;
      else out[j * cols + i] = v;
    }
  }
  return new Tensor(out, shape, { requiresGrad: options.requiresGrad });
}

/**
 * The thin Q (m×n, m ≥ n, row-major) of a = QR by Householder reflections, with columns multiplied by
 * sign(R_jj) (the convention that makes Q Haar-distributed for a Gaussian a).
 */
function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  const vs: Float64Array[] = [];
  const diagSign = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i * n + k] * a[i * n + k];
    norm = Math.sqrt(norm);
    const x0 = a[k * n + k];
    const alpha = x0 >= 0 ? -norm : norm; // R_kk = alpha
    diagSign[k] = alpha >= 0 ? 1 : -1;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = a[i * n + k];
    v[0] -= alpha;
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i] * v[i];
    if (vn > 0) {
      // Apply H = I − 2vvᵀ/vᵀv to the remaining columns, row by row (cache-friendly in row-major).
      reflect(a, m, n, k, k, v, 2 / vn, w);
    }
    vs.push(vn > 0 ? v.map((x) => x / Math.sqrt(vn)) : v);
  }
  // Q = H_0 H_1 … H_{n−1} applied to the first n columns of I.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) reflect(q, m, n, k, 0, vs[k], 2, w);
  for (let j = 0; j < n; j++) if (diagSign[j] < 0) for (let i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
  return q;
}

/** x[k:, j0:] −= f · v (vᵀ x[k:, j0:]) for row-major x (m×n), with `w` as scratch for the n − j0 dot products. */
function reflect(x: Float64Array, m: number, n: number, k: number, j0: number, v: Float64Array, f: number, w: Float64Array): void {
  w.fill(0);
  for (let i = k; i < m; i++) {
    const vi = v[i - k];
    const row = i * n;
    for (let j = j0; j < n; j++) w[j] += vi * x[row + j];
  }
  for (let i = k; i < m; i++) {
    const vi = f * v[i - k];
    const row = i * n;
    for (let j = j0; j < n; j++) x[row + j] -= vi * w[j];
  }
}
