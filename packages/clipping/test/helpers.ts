import { tensor, type DType, type Tensor } from "@vanish/core";
import { expect } from "vitest";

/** |actual − expected| ≤ atol + rtol·|expected| elementwise (NaN matches NaN, ±Infinity must match exactly). */
export function expectClose(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  { rtol = 1e-12, atol = 0 }: { rtol?: number; atol?: number } = {},
): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const e = typeof expected === "number" ? [expected] : Array.from(expected);
  expect(a.length, "length").toBe(e.length);
  for (let i = 0; i < e.length; i++) {
    const x = a[i];
    const y = e[i];
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      expect(x, `element ${i}`).toBe(y);
      continue;
    }
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) {
      throw new Error(`element ${i}: expected ${y} ± ${atol + rtol * Math.abs(y)}, got ${x} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** A 1-D or 2-D tensor of `dtype` (default float64, so hand-computed values are exact). */
export function t(values: number[] | number[][], dtype: DType = "float64"): Tensor {
  return tensor(values, { dtype });
}

/** All elements of a tensor as a plain array. */
export function flat(x: Tensor): number[] {
  return Array.from(x.toTypedArray());
}

/** Copies of tensors (for before/after comparisons). */
export function snapshot(grads: readonly Tensor[]): number[][] {
  return grads.map(flat);
}
