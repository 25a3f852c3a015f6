// Argument checks shared by the ops: kind, dtype and shape, with messages that name the function and argument.
import { isTensor } from "../brand";
import { fmt, sameShape, type Shape } from "../shape";
import { Tensor } from "./Tensor";

/** How a received value is named in error messages. */
export function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return String(v);
}

/** Throws a TypeError unless `x` is a Tensor. */
export function assertTensor(fn: string, arg: string, x: unknown): asserts x is Tensor {
  if (!isTensor(x, fn, arg)) throw new TypeError(`${fn}: ${arg} must be a Tensor, got ${describe(x)}`);
}

/** Throws unless two tensors share a dtype. */
export function assertSameDType(fn: string, a: Tensor, b: Tensor, names = ["a", "b"]): void {
  if (a.dtype !== b.dtype) {
    throw new TypeError(`${fn}: ${names[0]} and ${names[1]} must have the same dtype, got ${a.dtype} and ${b.dtype}`);
  }
}

export function assertShape(fn: string, arg: string, x: Tensor, shape: Shape): void {
  if (!sameShape(x.shape, shape)) throw new RangeError(`${fn}: ${arg} must have shape ${fmt(shape)}, got ${fmt(x.shape)}`);
}

