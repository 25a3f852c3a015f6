/**
 * Fills `a` with sin(1000·seed + 1.37·i): the same deterministic operands in every worker, whatever the
 * library, so that their products can be compared by {@link sumOfSquares}.
 */
export function fillOperand(a: Float32Array | Float64Array, seed: number): void {
  for (let i = 0; i < a.length; i++) a[i] = Math.sin(seed * 1000 + i * 1.37);
}

/** Σ a²: a checksum of a product that no cancellation can hide (summed in float64). */
export function sumOfSquares(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/** "M·K·N", the name of a product shape in tables. */
export function shapeName([M, K, N]: readonly [number, number, number]): string {
  return `${M}·${K}·${N}`;
}
