import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { fmt, normalizeAxis } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";

/**
 * A view of the box that starts at `begin` and spans `size` (−1: to the end) on every axis.
 * No copy is made. `begin` and `size` may be shorter than the rank; the remaining axes are taken whole.
 *
 * @example
 * slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, 2]).toArray(); // [[2, 3], [5, 6]]
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  assertTensor("slice", "x", x);
  if (!Array.isArray(begin) || begin.length > x.rank || begin.some((v) => !Number.isInteger(v))) {
    throw new TypeError(`slice: begin must be an array of at most ${x.rank} integers for shape ${fmt(x.shape)}, got ${JSON.stringify(begin)}`);
  }
  if (size !== undefined && (!Array.isArray(size) || size.length > x.rank || size.some((v) => !Number.isInteger(v) || v < -1))) {
    throw new TypeError(`slice: size must be an array of at most ${x.rank} integers >= -1 for shape ${fmt(x.shape)}, got ${JSON.stringify(size)}`);
  }
  const start = x.shape.map((_, d) => begin[d] ?? 0);
  const extent = x.shape.map((n, d) => {
    const s = size?.[d] ?? -1;
    return s === -1 ? n - start[d] : s;
  });
  x.shape.forEach((n, d) => {
    if (start[d] < 0 || start[d] > n || start[d] + extent[d] > n) {
      throw new RangeError(
        `slice: the box begin=${fmt(start)} size=${fmt(extent)} does not fit in x of shape ${fmt(x.shape)} (axis ${d})`,
      );
    }
  });
  let offset = x.offset;
  x.strides.forEach((s, d) => (offset += start[d] * s));
  const out = new Tensor(x.data, extent, { strides: x.strides, offset });
  if (needsGrad(x)) {
    record(out, "slice", [x], (g) => {
      const gx = new Tensor(allocate(g.dtype, x.size), x.shape);
      const view = new Tensor(gx.data, extent, { strides: gx.strides, offset: start.reduce((o, s, d) => o + s * gx.strides[d], 0) });
      scatterInto(view, g.contiguous());
      return [gx];
    });
  }
  return out;
}

/** Writes dense `src` into the (strided) view `dst`. */
function scatterInto(dst: Tensor, src: Tensor): void {
  const rank = dst.rank;
  const index = new Array<number>(rank).fill(0);
  for (let q = 0; q < dst.size; q++) {
    let p = dst.offset;
    for (let d = 0; d < rank; d++) p += index[d] * dst.strides[d];
    dst.data[p] = src.data[src.offset + q];
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d] < dst.shape[d]) break;
      index[d] = 0;
    }
  }
}

/**
 * Splits along `axis` into `sections` equal parts (a number) or parts of the given sizes (an array). Views.
 */
export function split(x: Tensor, sections: number | readonly number[], axis = 0): Tensor[] {
  assertTensor("split", "x", x);
  const ax = normalizeAxis("split", axis, x.rank);
  const n = x.shape[ax];
  let sizes: number[];
  if (typeof sections === "number") {
    if (!Number.isInteger(sections) || sections <= 0 || n % sections !== 0) {
      throw new RangeError(`split: sections must be a positive integer dividing x.shape[${ax}] = ${n}, got ${sections}`);
    }
    sizes = new Array(sections).fill(n / sections);
  } else {
    if (!Array.isArray(sections) || sections.some((s) => !Number.isInteger(s) || s < 0) || sections.reduce((a, b) => a + b, 0) !== n) {
      throw new RangeError(`split: sections must be non-negative integers summing to x.shape[${ax}] = ${n}, got ${JSON.stringify(sections)}`);
    }
    sizes = [...sections];
  }
  let start = 0;
  return sizes.map((s) => {
    const begin = x.shape.map((_, d) => (d === ax ? start : 0));
    const size = x.shape.map((dim, d) => (d === ax ? s : dim));
    start += s;
    return slice(x, begin, size);
  });
}
