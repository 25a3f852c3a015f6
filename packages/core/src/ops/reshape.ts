import { needsGrad, record } from "../autograd";
import { fmt, sizeOf } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";

/**
 * The same values in a new shape (one dimension may be -1 and is then inferred). A view when `x` is
 * contiguous, a copy otherwise.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor("reshape", "x", x);
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new TypeError(`reshape: shape must be an array of non-negative integers (one may be -1), got ${JSON.stringify(shape)}`);
  }
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new RangeError(`reshape: shape may contain at most one -1, got ${fmt(shape)}`);
  const known = sizeOf(shape.filter((d) => d !== -1));
  let target = [...shape];
  if (unknown === 1) {
    if (known === 0 || x.size % known !== 0) {
      throw new RangeError(`reshape: cannot infer the -1 in ${fmt(shape)} for ${x.size} elements (shape ${fmt(x.shape)})`);
    }
    target = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  if (sizeOf(target) !== x.size) {
    throw new RangeError(`reshape: shape ${fmt(shape)} holds ${sizeOf(target)} elements, but x has shape ${fmt(x.shape)} with ${x.size}`);
  }
  const src = x.isContiguous() ? x : x.detach().contiguous();
  const out = new Tensor(src.data, target, { offset: src.offset });
  if (needsGrad(x)) record(out, "reshape", [x], (g) => [reshape(g, x.shape)]);
  return out;
}
