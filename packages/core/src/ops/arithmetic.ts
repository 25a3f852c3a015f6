import { needsGrad, record } from "../autograd";
import { isTensor } from "../brand";
import { allocate } from "../dtype";
import { describeValue } from "../describeValue";
import { binaryStrided } from "../kernels/elementwise";
import { broadcastShapes, broadcastStrides } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertSameDType } from "../tensor/assertions";
import { scalarLike, sumTo } from "./broadcast";

export type Operand = Tensor | number;

/** Validates two operands (at least one a Tensor), turns numbers into 0-d tensors, checks dtypes. */
export function operands(fn: string, a: Operand, b: Operand): [Tensor, Tensor] {
  const isT = (x: unknown) => isTensor(x, fn, x === a ? "a" : "b");
  const isN = (x: unknown) => typeof x === "number";
  if (!isT(a) && !isN(a)) throw new TypeError(`${fn}: a must be a Tensor or a number, got ${describeValue(a)}`);
  if (!isT(b) && !isN(b)) throw new TypeError(`${fn}: b must be a Tensor or a number, got ${describeValue(b)}`);
  if (!isT(a) && !isT(b)) throw new TypeError(`${fn}: at least one of a and b must be a Tensor, got two numbers`);
  const ta = isT(a) ? (a as Tensor) : scalarLike(a as number, b as Tensor);
  const tb = isT(b) ? (b as Tensor) : scalarLike(b as number, ta);
  assertSameDType(fn, ta, tb);
  return [ta, tb];
}


/** Applies a scalar function elementwise with NumPy broadcasting; returns a dense tensor. */
export function broadcastMap(fn: string, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const out = new Tensor(allocate(a.dtype, shape.reduce((p, d) => p * d, 1)), shape);
  binaryStrided(
    f,
    shape,
    a.data,
    a.offset,
    broadcastStrides(a.shape, a.strides, shape),
    b.data,
    b.offset,
    broadcastStrides(b.shape, b.strides, shape),
    out.data,
  );
  return out;
}

const fAdd = (x: number, y: number) => x + y;
const fSub = (x: number, y: number) => x - y;
const fMul = (x: number, y: number) => x * y;
const fDiv = (x: number, y: number) => x / y;

/** a + b, broadcasting. */
export function add(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("add", a, b);
  const out = broadcastMap("add", x, y, fAdd);
  if (needsGrad(x, y)) record(out, "add", [x, y], (g) => [sumTo(g, x.shape), sumTo(g, y.shape)]);
  return out;
}

/** a − b, broadcasting. */
export function sub(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("sub", a, b);
  const out = broadcastMap("sub", x, y, fSub);
  if (needsGrad(x, y)) record(out, "sub", [x, y], (g) => [sumTo(g, x.shape), sumTo(neg(g), y.shape)]);
  return out;
}

/** a ⊙ b (elementwise product), broadcasting. */
export function mul(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("mul", a, b);
  const out = broadcastMap("mul", x, y, fMul);
  if (needsGrad(x, y)) record(out, "mul", [x, y], (g) => [sumTo(mul(g, y), x.shape), sumTo(mul(g, x), y.shape)]);
  return out;
}

/** a / b, broadcasting. */
export function div(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("div", a, b);
  const out = broadcastMap("div", x, y, fDiv);
  if (needsGrad(x, y)) {
    record(out, "div", [x, y], (g) => [sumTo(div(g, y), x.shape), sumTo(neg(div(mul(g, out), y)), y.shape)]);
  }
  return out;
}

/** a^b, broadcasting. d/da = b·a^(b−1); d/db = a^b·ln a (where a > 0; 0 elsewhere, as PyTorch masks a = 0). */
export function pow(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("pow", a, b);
  const out = broadcastMap("pow", x, y, Math.pow);
  if (needsGrad(x, y)) {
    record(out, "pow", [x, y], (g) => [
      x.requiresGrad ? sumTo(mul(g, broadcastMap("pow", x, y, (u, v) => (v === 0 ? 0 : v * Math.pow(u, v - 1)))), x.shape) : null,
      y.requiresGrad ? sumTo(mul(g, broadcastMap("pow", x, out, (u, p) => (u > 0 ? p * Math.log(u) : 0))), y.shape) : null,
    ]);
  }
  return out;
}

/** −x. */
export function neg(x: Tensor): Tensor {
  return mul(x, -1);
}
