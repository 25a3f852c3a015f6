import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { sigmoidScalar, unaryDense } from "../kernels/elementwise";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";
import { broadcastMap, mul } from "./arithmetic";

/** Applies `f` to every element; returns a dense tensor of the same shape and dtype. */
export function map(x: Tensor, f: (v: number) => number): Tensor {
  const xc = x.contiguous();
  const out = new Tensor(allocate(x.dtype, x.size), x.shape);
  unaryDense(f, x.size, xc.data, xc.offset, out.data);
  return out;
}

/** Defines a unary op whose derivative is a function of the input and output values. */
function unaryOp(name: string, f: (v: number) => number, df: (x: number, y: number) => number) {
  const op = (x: Tensor): Tensor => {
    assertTensor(name, "x", x);
    const out = map(x, f);
    if (needsGrad(x)) record(out, name, [x], (g) => [mul(g, broadcastMap(name, x, out, df))]);
    return out;
  };
  Object.defineProperty(op, "name", { value: name });
  return op;
}

/** eˣ. */
export const exp = unaryOp("exp", Math.exp, (_x, y) => y);
/** ln x. */
export const log = unaryOp("log", Math.log, (x) => 1 / x);
/** tanh x; derivative 1 − tanh². */
export const tanh = unaryOp("tanh", Math.tanh, (_x, y) => 1 - y * y);
/** σ(x) = 1 / (1 + e⁻ˣ); derivative σ(1 − σ). */
export const sigmoid = unaryOp("sigmoid", sigmoidScalar, (_x, y) => y * (1 - y));
/** max(x, 0); derivative 1 for x > 0 and 0 for x ≤ 0 (PyTorch's choice at the kink). */
export const relu = unaryOp("relu", (v) => (v > 0 ? v : 0), (x) => (x > 0 ? 1 : 0));
/** √x; derivative 1 / (2√x). */
export const sqrt = unaryOp("sqrt", Math.sqrt, (_x, y) => 0.5 / y);
/** |x|; derivative sign(x), 0 at 0 (PyTorch's choice). */
export const abs = unaryOp("abs", Math.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0));

export { sigmoidScalar };
