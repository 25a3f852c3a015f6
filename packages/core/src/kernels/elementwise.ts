import type { TypedArray } from "../dtype";

/**
 * out[i] = f(a[·], b[·]) over an output of `shape`, reading `a` and `b` through their own strides
 * (0 along broadcast axes). `out` is dense row-major. A kernel: no validation.
 */
export function binaryStrided(
  f: (x: number, y: number) => number,
  shape: readonly number[],
  a: TypedArray,
  aOff: number,
  aStrides: readonly number[],
  b: TypedArray,
  bOff: number,
  bStrides: readonly number[],
  out: TypedArray,
): void {
  const rank = shape.length;
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  if (rank === 0) {
    out[0] = f(a[aOff], b[bOff]);
    return;
  }
  const last = rank - 1;
  const n = shape[last];
  const sa = aStrides[last];
  const sb = bStrides[last];
  const index = new Array<number>(rank).fill(0);
  let pa = aOff;
  let pb = bOff;
  let q = 0;
  for (;;) {
    for (let i = 0, ra = pa, rb = pb; i < n; i++, ra += sa, rb += sb) out[q++] = f(a[ra], b[rb]);
    let d = last - 1;
    for (; d >= 0; d--) {
      index[d]++;
      pa += aStrides[d];
      pb += bStrides[d];
      if (index[d] < shape[d]) break;
      pa -= aStrides[d] * shape[d];
      pb -= bStrides[d] * shape[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

/** out[i] = f(x[i]) over `n` dense elements. */
export function unaryDense(f: (x: number) => number, n: number, x: TypedArray, xOff: number, out: TypedArray): void {
  for (let i = 0; i < n; i++) out[i] = f(x[xOff + i]);
}

/**
 * Sums a dense tensor of `shape` over the axes where `keep[d]` is false, into a dense output whose
 * shape is `shape` with those axes set to 1. Used by reductions and by broadcasting's backward.
 */
export function sumAxes(shape: readonly number[], keep: readonly boolean[], x: TypedArray, xOff: number, out: TypedArray): void {
  const rank = shape.length;
  // Output strides (0 along reduced axes).
  const os = new Array<number>(rank).fill(0);
  let s = 1;
  for (let d = rank - 1; d >= 0; d--) {
    if (keep[d]) {
      os[d] = s;
      s *= shape[d];
    }
  }
  out.fill(0, 0, s);
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  if (rank === 0) {
    out[0] = x[xOff];
    return;
  }
  const index = new Array<number>(rank).fill(0);
  const last = rank - 1;
  const n = shape[last];
  const so = os[last];
  let po = 0;
  let p = xOff;
  for (;;) {
    if (so === 0) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += x[p + i];
      out[po] += acc;
    } else {
      for (let i = 0; i < n; i++) out[po + i] += x[p + i];
    }
    p += n;
    let d = last - 1;
    for (; d >= 0; d--) {
      index[d]++;
      po += os[d];
      if (index[d] < shape[d]) break;
      po -= os[d] * shape[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

/**
 * A numerically stable logistic function. Here, with the Tensor-free kernels, so that `@vanish/core/kernels`
 * (src/kernels.ts, whose sigmoid kernel falls back to it) shares no Tensor code with the main entry: the Tensor class
 * and its brand (src/brand.ts) stay in dist/index.js and dist/index.cjs, whose URL names this copy of core.
 */
export function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}
