import { Tensor, type DType, type NestedArray } from "@vanish/core";
import { describe, fmt } from "../describe";

/** `stateDict.weight_ih_l0` or `stateDict["head.weight"]`: a JSON path step for an object key. */
export function keyPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Reads nested number arrays of exactly `shape` into a tensor of `dtype`. The error names the first wrong
 * place as a JSON path (`x[3][1]`), what it must be and what it is.
 */
export function readNested(fn: string, path: string, value: unknown, shape: readonly number[], dtype: DType): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  let k = 0;
  const walk = (v: unknown, dim: number, at: string): void => {
    if (dim === shape.length) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`${fn}: ${at} must be a finite number, got ${describe(v)}`);
      data[k++] = v;
      return;
    }
    const n = shape[dim];
    const inner = shape.slice(dim + 1);
    const what = inner.length === 0 ? `${n} numbers` : `${n} arrays of shape ${fmt(inner)}`;
    if (!Array.isArray(v)) throw new TypeError(`${fn}: ${at} must be an array of ${what}, got ${describe(v)}`);
    if (v.length !== n) throw new RangeError(`${fn}: ${at} must be an array of ${what} (shape ${fmt(shape.slice(dim))}), got ${describe(v)}`);
    for (let i = 0; i < n; i++) walk(v[i], dim + 1, `${at}[${i}]`);
  };
  walk(value, 0, path);
  return new Tensor(data, shape);
}

/** The dims of a nested array, read along its first elements (`[[1,2],[3,4],[5,6]]` → `[3, 2]`). */
export function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

/** A tensor as nested arrays of plain numbers (as PyTorch's `tensor.tolist()`). */
export function toNested(t: Tensor): NestedArray {
  return t.toArray();
}
