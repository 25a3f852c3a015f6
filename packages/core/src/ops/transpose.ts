import { needsGrad, record } from "../autograd";
import { fmt } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";

/**
 * Permutes axes (default: reverses them, so a matrix becomes its transpose). Returns a view that shares
 * data: no copy is made.
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor("transpose", "x", x);
  const rank = x.rank;
  const p = perm ? [...perm] : Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== rank || sorted.some((v, i) => v !== i)) {
    throw new RangeError(`transpose: perm must be a permutation of 0..${rank - 1} for shape ${fmt(x.shape)}, got ${JSON.stringify(perm)}`);
  }
  const out = new Tensor(x.data, p.map((a) => x.shape[a]), { strides: p.map((a) => x.strides[a]), offset: x.offset });
  if (needsGrad(x)) {
    const inverse = new Array<number>(rank);
    p.forEach((a, i) => (inverse[a] = i));
    record(out, "transpose", [x], (g) => [transpose(g, inverse)]);
  }
  return out;
}
