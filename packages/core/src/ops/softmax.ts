import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { normalizeAxis, sizeOf } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";

/** Calls `f(groupStart, stride, length)` for every 1-D fibre of a dense tensor along `axis`. */
function forEachFibre(shape: readonly number[], axis: number, f: (start: number, stride: number, n: number) => void): void {
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const n = shape[axis];
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) f(o * n * inner + i, inner, n);
}

/** log Σ exp along a fibre, stabilised by the maximum; writes x − logsumexp into `out`. */
function logSoftmaxInto(x: ArrayLike<number>, xOff: number, out: Float32Array | Float64Array, shape: readonly number[], axis: number): void {
  forEachFibre(shape, axis, (s, st, n) => {
    let m = -Infinity;
    for (let k = 0, p = s; k < n; k++, p += st) if (x[xOff + p] > m) m = x[xOff + p];
    let acc = 0;
    for (let k = 0, p = s; k < n; k++, p += st) acc += Math.exp(x[xOff + p] - m);
    const lse = m + Math.log(acc);
    for (let k = 0, p = s; k < n; k++, p += st) out[p] = x[xOff + p] - lse;
  });
}

/** log softmax along `axis` (default: last), computed stably. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  assertTensor("logSoftmax", "x", x);
  const ax = normalizeAxis("logSoftmax", axis, x.rank);
  const xc = x.contiguous();
  const out = new Tensor(allocate(x.dtype, x.size), x.shape);
  logSoftmaxInto(xc.data, xc.offset, out.data, x.shape, ax);
  if (needsGrad(x)) {
    // d/dx: g − softmax · Σ g along the axis.
    record(out, "logSoftmax", [x], (g) => {
      const gc = g.contiguous();
      const gx = allocate(x.dtype, x.size);
      forEachFibre(x.shape, ax, (s, st, n) => {
        let total = 0;
        for (let k = 0, p = s; k < n; k++, p += st) total += gc.data[gc.offset + p];
        for (let k = 0, p = s; k < n; k++, p += st) gx[p] = gc.data[gc.offset + p] - Math.exp(out.data[p]) * total;
      });
      return [new Tensor(gx, x.shape)];
    });
  }
  return out;
}

/** softmax along `axis` (default: last), computed stably. */
export function softmax(x: Tensor, axis = -1): Tensor {
  assertTensor("softmax", "x", x);
  const ax = normalizeAxis("softmax", axis, x.rank);
  const xc = x.contiguous();
  const out = new Tensor(allocate(x.dtype, x.size), x.shape);
  logSoftmaxInto(xc.data, xc.offset, out.data, x.shape, ax);
  for (let i = 0; i < out.size; i++) out.data[i] = Math.exp(out.data[i]);
  if (needsGrad(x)) {
    // d/dx: y ⊙ (g − Σ g·y along the axis).
    record(out, "softmax", [x], (g) => {
      const gc = g.contiguous();
      const gx = allocate(x.dtype, x.size);
      forEachFibre(x.shape, ax, (s, st, n) => {
        let dot = 0;
        for (let k = 0, p = s; k < n; k++, p += st) dot += gc.data[gc.offset + p] * out.data[p];
        for (let k = 0, p = s; k < n; k++, p += st) gx[p] = out.data[p] * (gc.data[gc.offset + p] - dot);
      });
      return [new Tensor(gx, x.shape)];
    });
  }
  return out;
}
