import { allocate } from "../dtype";
import { binaryStrided, sumAxes } from "../kernels/elementwise";
import { broadcastStrides, sameShape, sizeOf } from "../shape";
import { Tensor } from "../tensor/Tensor";

/** Sums `g` down to `shape` (undoing broadcasting in a backward pass). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const gc = g.contiguous();
  const shift = g.rank - shape.length;
  // Leading axes the target lacks are summed away; axes where the target has size 1 (and g does not) too.
  const keep = g.shape.map((d, i) => i >= shift && shape[i - shift] === d);
  const out = allocate(g.dtype, shape.reduce((a, b) => a * b, 1));
  sumAxes(gc.shape, keep, gc.data, gc.offset, out);
  return new Tensor(out, shape);
}

/** A 0-d tensor holding `value` in `dtype`, for scalar operands. */
export function scalarLike(value: number, like: Tensor): Tensor {
  const data = allocate(like.dtype, 1);
  data[0] = value;
  return new Tensor(data, []);
}

/** A dense copy of `x` expanded to `shape` by broadcasting (no autodiff; used inside backward passes). */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const out = new Tensor(allocate(x.dtype, sizeOf(shape)), shape);
  const xs = broadcastStrides(x.shape, x.strides, shape);
  binaryStrided(first, shape, x.data, x.offset, xs, x.data, x.offset, xs, out.data);
  return out;
}

const first = (u: number) => u;
