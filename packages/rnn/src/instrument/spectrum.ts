import { Random, Tensor, isTensor, type TypedArray } from "@vanish/core";
import { gateCount, gateNames } from "../cells/registry";
import { describe, fmt } from "../describe";
import { RecurrentModel } from "../model/RecurrentModel";

export interface PowerIterationOptions {
  /** Iterations (default 300 for σ_max, 2000 for ρ). */
  iterations?: number;
  /** Seed of the start vector (default 0). */
  seed?: number;
}

function matrixOf(fn: string, m: unknown, square: boolean): { a: TypedArray; off: number; rows: number; cols: number } {
  if (!isTensor(m, fn, "matrix")) throw new TypeError(`${fn}: matrix must be a 2-D Tensor, got ${describe(m)}`);
  if (m.rank !== 2 || m.size === 0) throw new RangeError(`${fn}: matrix must be a non-empty 2-D Tensor, got shape ${fmt(m.shape)}`);
  if (square && m.shape[0] !== m.shape[1]) throw new RangeError(`${fn}: matrix must be square, got shape ${fmt(m.shape)}`);
  const c = m.contiguous();
  return { a: c.data, off: c.offset, rows: m.shape[0], cols: m.shape[1] };
}

function iterationsOf(fn: string, options: PowerIterationOptions, fallback: number): number {
  const k = options.iterations ?? fallback;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn}: options.iterations must be an integer >= 1, got ${describe(k)}`);
  return k;
}

function startVector(n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** out = A v (A: rows × cols from `off`, row-major). */
function mv(a: TypedArray, off: number, rows: number, cols: number, v: Float64Array, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const r = off + i * cols;
    for (let j = 0; j < cols; j++) s += a[r + j] * v[j];
    out[i] = s;
  }
}

/** out = Aᵀ u. */
function mtv(a: TypedArray, off: number, rows: number, cols: number, u: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const r = off + i * cols;
    const ui = u[i];
    for (let j = 0; j < cols; j++) out[j] += a[r + j] * ui;
  }
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * v[k];
  return Math.sqrt(s);
}

/**
 * σ_max, the largest singular value (the spectral norm ‖W‖₂), by power iteration on WᵀW (Golub & Van Loan
 * §8.2): v ← WᵀWv/‖WᵀWv‖, σ = ‖Wv‖. Converges like (σ₂/σ₁)^{2k}. Pascanu et al. (2013): for a tanh RNN,
 * σ_max(W_hh) < 1 suffices for gradients to vanish, > 1 is necessary for them to explode.
 */
export function largestSingularValue(matrix: Tensor, options: PowerIterationOptions = {}): number {
  const fn = "largestSingularValue";
  const { a, off, rows, cols } = matrixOf(fn, matrix, false);
  const iterations = iterationsOf(fn, options, 300);
  let v: Float64Array = startVector(cols, options.seed ?? 0);
  const u = new Float64Array(rows);
  let w: Float64Array = new Float64Array(cols);
  let sigma = 0;
  for (let k = 0; k < iterations; k++) {
    const nv = norm(v);
    if (nv === 0) return 0;
    for (let j = 0; j < cols; j++) v[j] /= nv;
    mv(a, off, rows, cols, v, u);
    sigma = norm(u);
    mtv(a, off, rows, cols, u, w);
    [v, w] = [w, v];
  }
  return sigma;
}

/**
 * ρ(W) = max |λ|, the spectral radius, by Gelfand's formula ρ = lim ‖W^k v‖^{1/k}: the mean log growth of a
 * renormalised power iteration over the second half of `iterations` steps. Unlike the plain power method this
 * also converges when the dominant eigenvalues are a complex pair or ± a real one (typical of random W_hh);
 * the error is O(1/k). ρ < 1 means the linearised recurrence forgets; for large random matrices ρ ≈ the
 * `scale` of `scaledNormal`.
 */
export function spectralRadius(matrix: Tensor, options: PowerIterationOptions = {}): number {
  const fn = "spectralRadius";
  const { a, off, rows } = matrixOf(fn, matrix, true);
  const iterations = iterationsOf(fn, options, 2000);
  let v: Float64Array = startVector(rows, options.seed ?? 0);
  let w: Float64Array = new Float64Array(rows);
  const burn = Math.floor(iterations / 2);
  let logSum = 0;
  for (let k = 0; k < iterations; k++) {
    const nv = norm(v);
    if (nv === 0) return 0;
    for (let j = 0; j < rows; j++) v[j] /= nv;
    mv(a, off, rows, rows, v, w);
    if (k >= burn) logSum += Math.log(norm(w));
    [v, w] = [w, v];
  }
  return Math.exp(logSum / (iterations - burn));
}

/** σ_max and ρ of one `[H, H]` gate block of W_hh. */
export interface GateSpectrum {
  /** "h" for a vanilla RNN; i, f, g, o (LSTM); r, z, n (GRU). */
  gate: string;
  largestSingularValue: number;
  spectralRadius: number;
}

/** σ_max and ρ of every gate block of every layer's `weight_hh`: `[layer][gate]`, plain data. */
export function recurrentSpectrum(model: RecurrentModel, options: PowerIterationOptions = {}): GateSpectrum[][] {
  if (!(model instanceof RecurrentModel)) throw new TypeError(`recurrentSpectrum: model must be a RecurrentModel, got ${describe(model)}`);
  const H = model.hiddenSize;
  const names = gateNames(model.cell);
  return model.layers.map((p) =>
    Array.from({ length: gateCount(model.cell) }, (_, g) => {
      const block = new Tensor(p.weightHh.data.subarray(g * H * H, (g + 1) * H * H), [H, H]);
      return {
        gate: names[g],
        largestSingularValue: largestSingularValue(block, { seed: options.seed, iterations: options.iterations }),
        spectralRadius: spectralRadius(block, { seed: options.seed, iterations: options.iterations }),
      };
    }),
  );
}
