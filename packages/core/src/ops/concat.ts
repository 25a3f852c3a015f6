import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { fmt, normalizeAxis, sizeOf } from "../shape";
import { Tensor, stridedCopy } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";
import { reshape } from "./reshape";
import { slice } from "./slice";

/** Joins tensors along an existing axis; all other axes must match. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new TypeError(`concat: tensors must be a non-empty array of Tensors, got ${Array.isArray(tensors) ? "[]" : String(tensors)}`);
  }
  tensors.forEach((t, i) => assertTensor("concat", `tensors[${i}]`, t));
  const first = tensors[0];
  const ax = normalizeAxis("concat", axis, first.rank);
  tensors.forEach((t, i) => {
    if (t.dtype !== first.dtype) throw new TypeError(`concat: tensors[${i}] has dtype ${t.dtype}, but tensors[0] has ${first.dtype}`);
    if (t.rank !== first.rank || t.shape.some((d: number, k: number) => k !== ax && d !== first.shape[k])) {
      throw new RangeError(
        `concat: tensors[${i}] has shape ${fmt(t.shape)}, which must match tensors[0]'s ${fmt(first.shape)} on every axis but ${ax}`,
      );
    }
  });
  const shape = [...first.shape];
  shape[ax] = tensors.reduce((s, t) => s + t.shape[ax], 0);
  const out = new Tensor(allocate(first.dtype, sizeOf(shape)), shape);
  const outer = sizeOf(shape.slice(0, ax));
  const inner = sizeOf(shape.slice(ax + 1));
  let col = 0;
  for (const t of tensors) {
    const block = t.shape[ax] * inner;
    const dense = allocate(t.dtype, t.size);
    stridedCopy(t, dense);
    for (let o = 0; o < outer; o++) out.data.set(dense.subarray(o * block, (o + 1) * block), o * shape[ax] * inner + col * inner);
    col += t.shape[ax];
  }
  if (needsGrad(...tensors)) {
    record(out, "concat", tensors, (g) => {
      let start = 0;
      return tensors.map((t) => {
        const begin = shape.map((_, k) => (k === ax ? start : 0));
        start += t.shape[ax];
        return t.requiresGrad ? slice(g, begin, t.shape) : null;
      });
    });
  }
  return out;
}

/** Joins same-shaped tensors along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new TypeError(`stack: tensors must be a non-empty array of Tensors, got ${Array.isArray(tensors) ? "[]" : String(tensors)}`);
  }
  tensors.forEach((t, i) => assertTensor("stack", `tensors[${i}]`, t));
  const first = tensors[0];
  const ax = normalizeAxis("stack", axis, first.rank + 1);
  tensors.forEach((t, i) => {
    if (t.rank !== first.rank || t.shape.some((d: number, k: number) => d !== first.shape[k])) {
      throw new RangeError(`stack: tensors[${i}] has shape ${fmt(t.shape)}, but tensors[0] has ${fmt(first.shape)}; all must match`);
    }
  });
  const expanded = tensors.map((t) => reshape(t, [...t.shape.slice(0, ax), 1, ...t.shape.slice(ax)]));
  return concat(expanded, ax);
}
