import { tensor, type DType, type Tensor } from "@vanish/core";
import { expectClose as sharedExpectClose } from "../../../tooling/testing";

/** The shared tolerance check (tooling/testing.ts) with this package's default: exact to 1e-12 relative. */
export function expectClose(actual: number | ArrayLike<number>, expected: number | ArrayLike<number>, { rtol = 1e-12, atol = 0 } = {}): void {
  sharedExpectClose(actual, expected, { rtol, atol });
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
