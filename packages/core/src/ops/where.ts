import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { broadcastShapes, broadcastStrides } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";
import { broadcastMap, operands, type Operand } from "./arithmetic";
import { sumTo } from "./broadcast";

/**
 * Picks `a` where `condition` is non-zero and `b` elsewhere, broadcasting all three.
 * Gradients flow to the branch that was picked. `condition` may have either dtype.
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  assertTensor("where", "condition", condition);
  const [x, y] = operands("where", a, b);
  const shape = broadcastShapes("where", broadcastShapes("where", condition.shape, x.shape, ["condition", "a"]), y.shape, ["condition and a", "b"]);
  const size = shape.reduce((p, d) => p * d, 1);
  const out = new Tensor(allocate(x.dtype, size), shape);
  const cs = broadcastStrides(condition.shape, condition.strides, shape);
  const xs = broadcastStrides(x.shape, x.strides, shape);
  const ys = broadcastStrides(y.shape, y.strides, shape);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  for (let q = 0; q < size; q++) {
    let pc = condition.offset, px = x.offset, py = y.offset;
    for (let d = 0; d < rank; d++) {
      pc += index[d] * cs[d];
      px += index[d] * xs[d];
      py += index[d] * ys[d];
    }
    out.data[q] = condition.data[pc] !== 0 ? x.data[px] : y.data[py];
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  if (needsGrad(x, y)) {
    record(out, "where", [x, y], (g) => {
      const mask = broadcastMap("where", condition, g, (c) => (c !== 0 ? 1 : 0));
      return [
        x.requiresGrad ? sumTo(broadcastMap("where", g, mask, (u, m) => u * m), x.shape) : null,
        y.requiresGrad ? sumTo(broadcastMap("where", g, mask, (u, m) => u * (1 - m)), y.shape) : null,
      ];
    });
  }
  return out;
}
