import type { TypedArray } from "@vanish/core";

/** out[(t·B + b)·E + j] = weight[ids[(start + t)·B + b]·E + j] for the window's T·B tokens. */
export function embedForward(weight: TypedArray, E: number, ids: ArrayLike<number>, start: number, T: number, B: number, out: TypedArray): void {
  const n = T * B;
  const first = start * B;
  for (let r = 0; r < n; r++) {
    const src = ids[first + r] * E;
    const dst = r * E;
    for (let j = 0; j < E; j++) out[dst + j] = weight[src + j];
  }
}

/** grad[ids[…]·E + j] += dOut[r·E + j]: scatter-add (repeated tokens accumulate). */
export function embedBackward(grad: TypedArray, E: number, ids: ArrayLike<number>, start: number, T: number, B: number, dOut: TypedArray): void {
  const n = T * B;
  const first = start * B;
  for (let r = 0; r < n; r++) {
    const dst = ids[first + r] * E;
    const src = r * E;
    for (let j = 0; j < E; j++) grad[dst + j] += dOut[src + j];
  }
}
