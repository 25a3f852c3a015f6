// Plain typed-array loops over (data, offset, length). They trust their inputs (the public functions validate
// once) and allocate nothing, so they are easy to benchmark and to swap for another backend.
import type { TypedArray } from "@vanish/core";

/** Σ x² in float64, with four accumulators so the loop is not bound by one addition chain. */
export function sumSquares(d: TypedArray, o: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = o + n;
  const end4 = o + (n & ~3);
  let i = o;
  for (; i < end4; i += 4) {
    const a = d[i];
    const b = d[i + 1];
    const c = d[i + 2];
    const e = d[i + 3];
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += e * e;
  }
  for (; i < end; i++) s0 += d[i] * d[i];
  return s0 + s1 + s2 + s3;
}

/** Σ (x / scale)², used when the plain sum of squares overflows or underflows. */
export function scaledSumSquares(d: TypedArray, o: number, n: number, scale: number): number {
  let s = 0;
  for (let i = o, end = o + n; i < end; i++) {
    const v = d[i] / scale;
    s += v * v;
  }
  return s;
}

/** max |x|, NaN as soon as one element is NaN (as `torch.linalg.vector_norm(ord=inf)`); 0 for no elements. */
export function maxAbs(d: TypedArray, o: number, n: number): number {
  let m = 0;
  for (let i = o, end = o + n; i < end; i++) {
    const a = Math.abs(d[i]);
    if (a > m) m = a;
    else if (a !== a) return NaN;
  }
  return m;
}

/**
 * The Euclidean norm of one block, safe against overflow (float64 elements above ~1e154) and underflow (below
 * ~1e-140): only then does it take a second pass that scales by the largest magnitude, as LAPACK's `dnrm2` does.
 */
export function l2Norm(d: TypedArray, o: number, n: number): number {
  const s = sumSquares(d, o, n);
  if (s < Infinity && s > 1e-280) return Math.sqrt(s);
  if (s !== s) return NaN;
  const m = maxAbs(d, o, n);
  if (m === 0 || m === Infinity) return m;
  return m * Math.sqrt(scaledSumSquares(d, o, n, m));
}

/** x ← x·f. */
export function scale(d: TypedArray, o: number, n: number, f: number): void {
  for (let i = o, end = o + n; i < end; i++) d[i] *= f;
}

/**
 * x ← clamp(x, −c, c) (NaN stays NaN, as `torch.clamp`); returns how many elements changed. For float32 data the
 * bound is c rounded to float32, as PyTorch converts it, so that an element already at the bound (stored as
 * fround(c), which may exceed c) is neither rewritten nor counted again.
 */
export function clampAbs(d: TypedArray, o: number, n: number, c: number): number {
  // `c - 0` keeps both branches float64: merging the float64 fround(c) with the tagged argument c made V8 box the
  // bound, 16 bytes per call (seen when it compiled on the main thread; test/allocation.test.ts).
  const hi = d instanceof Float32Array ? Math.fround(c) : c - 0;
  let changed = 0;
  const lo = -hi;
  for (let i = o, end = o + n; i < end; i++) {
    const v = d[i];
    if (v > hi) {
      d[i] = hi;
      changed++;
    } else if (v < lo) {
      d[i] = lo;
      changed++;
    }
  }
  return changed;
}

/** NaN ← 0; returns how many elements changed. */
export function zeroNaN(d: TypedArray, o: number, n: number): number {
  let changed = 0;
  for (let i = o, end = o + n; i < end; i++) {
    if (d[i] !== d[i]) {
      d[i] = 0;
      changed++;
    }
  }
  return changed;
}

/** Counts of the non-finite elements of some gradients. */
export interface NonFiniteCounts {
  nan: number;
  posInf: number;
  negInf: number;
}

/** Adds the NaN, +Infinity and −Infinity elements of a block to `counts`. */
export function countNonFinite(d: TypedArray, o: number, n: number, counts: NonFiniteCounts): void {
  for (let i = o, end = o + n; i < end; i++) {
    const v = d[i];
    if (v - v !== 0) {
      if (v !== v) counts.nan++;
      else if (v > 0) counts.posInf++;
      else counts.negInf++;
    }
  }
}
