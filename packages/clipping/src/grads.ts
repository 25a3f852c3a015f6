import { Tensor, describeValue as describe, formatShape, isTensor } from "@vanish/core";

/**
 * The gradients a clipping function works on: any list of tensors, in place. `null`/`undefined` entries (a
 * parameter that received no gradient) are skipped, as PyTorch skips parameters whose `.grad` is `None`.
 */
export type GradList = readonly (Tensor | null | undefined)[];

/** Short text for a value in an error message (core's `describeValue`, under the name the strategies use). */
export { describe };

/**
 * Throws unless `grads` is an array of Tensors (or null entries) that can be clipped in place. Tensors must be
 * dense: a contiguous view that starts at an `offset` is fine, a strided view (e.g. a transpose) is not, because
 * clipping a copy would leave the real gradient untouched. Gradients that `backward` produces are always dense.
 * Allocates nothing when the input is valid.
 */
export function checkGrads(fn: string, arg: string, grads: unknown): asserts grads is GradList {
  if (!Array.isArray(grads)) {
    throw new TypeError(`${fn}: ${arg} must be an array of Tensors (null entries are skipped; wrap a single tensor as [t]), got ${describe(grads)}`);
  }
  for (let i = 0; i < grads.length; i++) {
    const g: unknown = grads[i];
    if (g === null || g === undefined) continue;
    if (!isTensor(g, fn, arg, i)) throw new TypeError(`${fn}: ${arg}[${i}] must be a Tensor or null, got ${describe(g)}`);
    if (!g.isContiguous()) {
      throw new TypeError(
        `${fn}: ${arg}[${i}] must be dense (contiguous) to be clipped in place, got shape ${formatShape(g.shape)} with strides ${formatShape(g.strides)}; clip the tensor it is a view of`,
      );
    }
  }
}

/** Throws unless `value` is a number in [min, max] (NaN never passes). */
export function checkNumber(fn: string, arg: string, value: unknown, min: number, max = Infinity, minInclusive = true): number {
  if (typeof value !== "number") throw new TypeError(`${fn}: ${arg} must be a number, got ${describe(value)}`);
  const ok = (minInclusive ? value >= min : value > min) && value <= max;
  if (!ok) {
    const range = `${minInclusive ? "[" : "("}${min}, ${max}${max === Infinity ? ")" : "]"}`;
    throw new RangeError(`${fn}: ${arg} must be in ${range}, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is an integer in [min, max] (max may be Infinity). */
export function checkInteger(fn: string, arg: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== "number") throw new TypeError(`${fn}: ${arg} must be an integer, got ${describe(value)}`);
  if (!((Number.isInteger(value) || value === Infinity) && value >= min && value <= max)) {
    throw new RangeError(`${fn}: ${arg} must be an integer in [${min}, ${max}${max === Infinity ? ")" : "]"}, got ${value}`);
  }
  return value;
}

/** The number of elements in all gradients. */
export function countElements(grads: GradList): number {
  let n = 0;
  for (let i = 0; i < grads.length; i++) n += grads[i]?.size ?? 0;
  return n;
}

/** The number of non-null gradients. */
export function countTensors(grads: GradList): number {
  let n = 0;
  for (let i = 0; i < grads.length; i++) if (grads[i]) n++;
  return n;
}

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(fn: string, arg: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`${fn}: ${arg} must be a number, got ${describe(value)}`);
  if (!(value > 0 && value < Infinity)) throw new RangeError(`${fn}: ${arg} must be a finite number > 0, got ${value}`);
  return value;
}
