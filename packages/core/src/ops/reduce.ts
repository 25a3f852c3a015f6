import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { sumAxes } from "../kernels/elementwise";
import { normalizeAxes, sizeOf } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";
import { broadcastMap, div, mul } from "./arithmetic";
import { broadcastTo } from "./broadcast";
import { reshape } from "./reshape";
import { transpose } from "./transpose";

export interface ReduceOptions {
  /** Keep reduced axes with size 1 (default false). */
  keepDims?: boolean;
}

function reducedShapes(x: Tensor, axes: number[]) {
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  return { keptShape, outShape };
}

/** Sum over `axis` (one axis, several, or all when omitted). */
export function sum(x: Tensor, axis?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  assertTensor("sum", "x", x);
  const axes = normalizeAxes("sum", axis, x.rank);
  const { keptShape, outShape } = reducedShapes(x, axes);
  const xc = x.contiguous();
  const data = allocate(x.dtype, sizeOf(keptShape));
  sumAxes(x.shape, x.shape.map((_, i) => !axes.includes(i)), xc.data, xc.offset, data);
  const out = new Tensor(data, options.keepDims ? keptShape : outShape);
  if (needsGrad(x)) {
    record(out, "sum", [x], (g) => [broadcastTo(reshape(g, keptShape), x.shape)]);
  }
  return out;
}

/** Arithmetic mean over `axis`. */
export function mean(x: Tensor, axis?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  assertTensor("mean", "x", x);
  const axes = normalizeAxes("mean", axis, x.rank);
  const count = axes.reduce((p, a) => p * x.shape[a], 1);
  return div(sum(x, axes, options), count);
}

/**
 * Runs `f` over each group of reduced elements (moved to the end and made dense): `f(data, start, length)`
 * writes one value. Returns the dense result with the kept shape.
 */
function reduceGroups(x: Tensor, axes: number[], f: (d: ArrayLike<number>, start: number, n: number) => number): Tensor {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const moved = transpose(x.detach(), [...kept, ...axes]).contiguous();
  const groups = sizeOf(kept.map((i) => x.shape[i]));
  const len = sizeOf(axes.map((i) => x.shape[i]));
  const out = allocate(x.dtype, groups);
  for (let q = 0; q < groups; q++) out[q] = f(moved.data, moved.offset + q * len, len);
  return new Tensor(out, kept.map((i) => x.shape[i]));
}

/** Index (within its group) of the first maximal element by `key`; NaN wins so that it propagates. */
function argmaxGroups(x: Tensor, axes: number[], key: (v: number) => number): { values: Tensor; arg: Int32Array } {
  const args: number[] = [];
  const values = reduceGroups(x, axes, (d, s, n) => {
    let best = s;
    for (let i = s + 1; i < s + n; i++) {
      const k = key(d[i]);
      const kb = key(d[best]);
      if (k > kb || (Number.isNaN(k) && !Number.isNaN(kb))) best = i;
    }
    args.push(best - s);
    return key(d[best]);
  });
  return { values, arg: Int32Array.from(args) };
}

/** Scatters one gradient value per group to the chosen position (times `factor(x)`), back in x's layout. */
function scatterGroups(x: Tensor, axes: number[], arg: Int32Array, g: Tensor, factor: (v: number) => number): Tensor {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const movedX = transpose(x.detach(), perm).contiguous();
  const len = sizeOf(axes.map((i) => x.shape[i]));
  const moved = allocate(x.dtype, x.size);
  const gc = g.contiguous();
  for (let q = 0; q < arg.length; q++) {
    const at = q * len + arg[q];
    moved[at] = gc.data[gc.offset + q] * factor(movedX.data[movedX.offset + at]);
  }
  const inverse = new Array<number>(perm.length);
  perm.forEach((a, i) => (inverse[a] = i));
  return transpose(new Tensor(moved, perm.map((a) => x.shape[a])), inverse).contiguous();
}

/**
 * Maximum over `axis`. The gradient goes to the first position holding the maximum (PyTorch's `max(dim)`
 * picks one index too). A NaN anywhere in a group makes its maximum NaN.
 */
export function max(x: Tensor, axis?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  assertTensor("max", "x", x);
  const axes = normalizeAxes("max", axis, x.rank);
  if (axes.some((a) => x.shape[a] === 0)) throw new RangeError("max: cannot reduce over an empty axis");
  const { keptShape, outShape } = reducedShapes(x, axes);
  const { values, arg } = argmaxGroups(x, axes, (v) => v);
  const out = new Tensor(values.data, options.keepDims ? keptShape : outShape);
  if (needsGrad(x)) record(out, "max", [x], (g) => [scatterGroups(x, axes, arg, g, () => 1)]);
  return out;
}

/**
 * The p-norm over `axis` (all elements when omitted): p = 2 (Frobenius/Euclidean), 1, or Infinity.
 * The gradient at a zero norm is 0 (a subgradient); the ∞-norm's goes to the first maximal |x|.
 */
export function norm(x: Tensor, p: number = 2, axis?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  assertTensor("norm", "x", x);
  if (p !== 1 && p !== 2 && p !== Infinity) throw new RangeError(`norm: p must be 1, 2 or Infinity, got ${p}`);
  const axes = normalizeAxes("norm", axis, x.rank);
  if (p === Infinity && axes.some((a) => x.shape[a] === 0)) throw new RangeError("norm: cannot take the ∞-norm over an empty axis");
  const { keptShape, outShape } = reducedShapes(x, axes);
  const shape = options.keepDims ? keptShape : outShape;
  const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);
  if (p === Infinity) {
    const { values, arg } = argmaxGroups(x, axes, Math.abs);
    const out = new Tensor(values.data, shape);
    if (needsGrad(x)) record(out, "norm", [x], (g) => [scatterGroups(x, axes, arg, g, sign)]);
    return out;
  }
  const res = reduceGroups(x, axes, p === 1 ? sumAbs : euclidean);
  const out = new Tensor(res.data, shape);
  if (needsGrad(x)) {
    record(out, "norm", [x], (g) => {
      const gk = reshape(g, keptShape);
      if (p === 1) return [broadcastMap("norm", x, gk, (v, u) => sign(v) * u)];
      const nk = new Tensor(res.data, keptShape);
      return [mul(x, broadcastMap("norm", gk, nk, (u, n) => (n === 0 ? 0 : u / n)))];
    });
  }
  return out;
}

function sumAbs(d: ArrayLike<number>, s: number, n: number): number {
  let acc = 0;
  for (let i = s; i < s + n; i++) acc += Math.abs(d[i]);
  return acc;
}

/** Scaled sum of squares (as LAPACK's dnrm2): neither overflows nor underflows for huge or tiny values. */
function euclidean(d: ArrayLike<number>, s: number, n: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = s; i < s + n; i++) {
    const v = Math.abs(d[i]);
    if (v === 0) continue;
    if (!(v < Infinity)) return v; // NaN or Infinity
    if (scale < v) {
      ssq = 1 + ssq * (scale / v) * (scale / v);
      scale = v;
    } else ssq += (v / scale) * (v / scale);
  }
  return scale * Math.sqrt(ssq);
}
