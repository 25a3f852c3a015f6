import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { fmt, normalizeAxis, sizeOf } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";

export type Indices = ArrayLike<number>;

function checkIndices(fn: string, indices: unknown, n: number, axis: number, shape: readonly number[]): Indices {
  if (!Array.isArray(indices) && !ArrayBuffer.isView(indices)) {
    throw new TypeError(`${fn}: indices must be an array or typed array of integers, got ${String(indices)}`);
  }
  const idx = indices as Indices;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i];
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw new RangeError(`${fn}: indices[${i}] must be an integer in [0, ${n - 1}] (x.shape[${axis}] of ${fmt(shape)}), got ${v}`);
    }
  }
  return idx;
}

/**
 * Selects entries along `axis` by integer index: the output's shape is `x.shape` with axis `axis` replaced by
 * `indexShape` (default `[indices.length]`). Gradients are scatter-added back (repeated indices accumulate).
 */
export function gather(x: Tensor, indices: Indices, axis = 0, indexShape?: readonly number[]): Tensor {
  assertTensor("gather", "x", x);
  const ax = normalizeAxis("gather", axis, x.rank);
  const idx = checkIndices("gather", indices, x.shape[ax], ax, x.shape);
  const ishape = indexShape ?? [idx.length];
  if (sizeOf(ishape) !== idx.length) {
    throw new RangeError(`gather: indexShape ${fmt(ishape)} holds ${sizeOf(ishape)} indices, but ${idx.length} were given`);
  }
  const xc = x.contiguous();
  const outer = sizeOf(x.shape.slice(0, ax));
  const inner = sizeOf(x.shape.slice(ax + 1));
  const n = x.shape[ax];
  const m = idx.length;
  const outShape = [...x.shape.slice(0, ax), ...ishape, ...x.shape.slice(ax + 1)];
  const out = new Tensor(allocate(x.dtype, outer * m * inner), outShape);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const src = xc.offset + (o * n + idx[j]) * inner;
      out.data.set(xc.data.subarray(src, src + inner), (o * m + j) * inner);
    }
  }
  if (needsGrad(x)) {
    record(out, "gather", [x], (g) => {
      const gc = g.contiguous();
      const gx = allocate(x.dtype, x.size);
      for (let o = 0; o < outer; o++) {
        for (let j = 0; j < m; j++) {
          const dst = (o * n + idx[j]) * inner;
          const src = gc.offset + (o * m + j) * inner;
          for (let k = 0; k < inner; k++) gx[dst + k] += gc.data[src + k];
        }
      }
      return [new Tensor(gx, x.shape)];
    });
  }
  return out;
}

/**
 * Embedding lookup: rows of `weight` `[vocab, dim]` for token ids of shape `idsShape` (default
 * `[ids.length]`), giving `[...idsShape, dim]`.
 */
export function embedding(weight: Tensor, ids: Indices, idsShape?: readonly number[]): Tensor {
  assertTensor("embedding", "weight", weight);
  if (weight.rank !== 2) throw new RangeError(`embedding: weight must be 2-D [vocab, dim], got ${fmt(weight.shape)}`);
  return gather(weight, ids, 0, idsShape);
}
